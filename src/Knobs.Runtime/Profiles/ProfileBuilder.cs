using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Knobs.KnobTables;
using Knobs.Profiles;
using Knobs.Runtime.Measurement;
using Knobs.Statistics;

namespace Knobs.Runtime.Profiles;

/// <summary>Turns one variant's raw measurement into the profile records of docs/formats.md.</summary>
internal static class ProfileBuilder
{
    public static Profile Build(RunTarget target, VariantMeasurement m, ProfileSettings settings, ProfileEnvironment environment,
        QosRecord? qos, DateTimeOffset startedUtc, double targetError, ProfileDevice? device = null)
    {
        var header = new ProfileHeader(
            target.Benchmark.Name,
            target.VariantName,
            target.Knob is { } k ? new ProfileKnob(k.ApproxType, k.Id) : null,
            target.Configuration,
            settings,
            environment,
            startedUtc.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            device);
        var ops = new List<OpRecord>();
        foreach (OpMeasurement op in m.Ops)
        {
            if (op.Calls == 0 || op.TimePerCall.Count == 0) continue;
            KnobIdentity knob = target.KnobOf(op.Op.NodeId);
            ops.Add(new OpRecord(op.Op.NodeId, op.Op.NodeName, op.Op.Index, op.Op.OpKind, op.Op.OpName, knob.Approx, knob.Id,
                Statistics(op.TimePerCall, targetError), op.EnergyPerCall,
                new ConversionCost(op.F2HPerCall, null), new ConversionCost(op.H2FPerCall, null),
                op.Features is { } f ? Features(f, settings) : null, Provenance.Measured,
                op.H2DPerCall > 0 ? new ConversionCost(op.H2DPerCall, null) : null,
                op.D2HPerCall > 0 ? new ConversionCost(op.D2HPerCall, null) : null));
        }
        double? energy = m.RunEnergies is { Count: > 0 } e ? e.Average() : null;
        var summary = new SummaryRecord(Statistics(m.RunTimes, targetError), energy, m.RunTimes.Count, failed: false, error: null);
        return new Profile(header, ops, qos, summary);
    }

    private static OpFeatureRecord Features(Knobs.Tensors.OpFeatures f, ProfileSettings settings) => new(
        f.Precision, f.Inputs, f.Output, f.Window, f.Stride, f.Padding, f.Groups, f.Approximation,
        f.NominalFlops, f.EffectiveFlops, f.BytesRead, f.BytesWritten, settings.Batch, settings.Threads);

    public static ProfileStatistics Statistics(IEnumerable<double> samples, double targetError)
    {
        MeasurementStatistics s = MeasurementStatistics.Compute(samples);
        return new ProfileStatistics(s.N, s.Mean, s.Median, s.StdDev, s.Min, s.Max, s.CiLow, s.CiHigh, s.Outliers, s.IsNoisy(targetError));
    }
}
