using System;
using System.Collections.Generic;
using System.Linq;
using Knobs.Profiles;

namespace Knobs.Core.Tests.Profiles;

/// <summary>Builds synthetic but realistic profiles for tests (they test the code, not the machine).</summary>
internal static class SampleProfiles
{
    public static ProfileEnvironment Environment(string cpu = "Intel(R) Xeon(R) CPU @ 2.20GHz", string meter = "none", int threads = 2) =>
        new(cpu, 2, "Debian GNU/Linux 13", "10.0.0", "TieredPGO=1,TC=1", "Workstation,Concurrent", threads, "Cpu", "0.1.0", meter,
            "performance", "sha256:00ff");

    public static ProfileSettings Settings(int batch = 1) =>
        new("PerTensor", null, 0.02, null, 10, batch, 2, "Cpu");

    public static ProfileStatistics Stats(double mean) =>
        new(40, mean, mean * 0.99, mean * 0.02, mean * 0.95, mean * 1.1, mean * 0.99, mean * 1.01, 2, false);

    /// <summary>An op as (node, kind, op method, approx, knob id, mean ms, energy J or null, f2h ms, h2f ms).</summary>
    public sealed record Op(int Node, string Kind, string Method, string Approx, int KnobId, double Mean, double? Energy = null,
        double F2h = 0, double H2f = 0);

    public static Profile Create(string benchmark, string variant, ProfileKnob? knob, IEnumerable<Op> ops,
        ProfileEnvironment? environment = null, QosRecord? qos = null, ProfileConfiguration? configuration = null,
        ProfileSettings? settings = null)
    {
        var records = ops.Select((o, i) => new OpRecord(o.Node, "node" + o.Node, i, o.Kind, o.Method, o.Approx, o.KnobId,
            Stats(o.Mean), o.Energy,
            new ConversionCost(o.F2h, o.Energy is null ? null : o.F2h * 1e-3),
            new ConversionCost(o.H2f, o.Energy is null ? null : o.H2f * 1e-3))).ToList();
        double total = records.Sum(r => r.Time.Mean + r.F2h.Time + r.H2f.Time);
        double? energy = records.All(r => r.Energy is not null) && records.Count > 0 ? records.Sum(r => r.Energy!.Value) : null;
        var header = new ProfileHeader(benchmark, variant, knob, configuration, settings ?? Settings(), environment ?? Environment(),
            "2026-11-21T10:00:00Z");
        return new Profile(header, records, qos, new SummaryRecord(Stats(total), energy, 40, false, null));
    }

    public static QosRecord Qos(double relL2, double? top1 = 1.0) =>
        new("fp32_11", relL2, relL2 * 2, relL2 == 0 ? null : 20 * Math.Log10(1 / relL2), top1);
}
