using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Knobs.Accelerators.Description;
using Knobs.Diagnostics;
using Knobs.Profiles;

namespace Knobs.Accelerators.Modelling;

/// <summary>
/// Turns what a run measured on the host (each op's features, the output quality) into the profile of a modelled
/// accelerator: every op's time, energy, conversions and host transfers come from its model, with provenance
/// <c>modelled</c>; the output quality stays the measured one, since the accelerator computes the same outputs.
/// </summary>
public sealed class AcceleratorModeller
{
    private readonly IReadOnlyDictionary<string, OpModel> _custom;
    private readonly OpModel _engine, _elementwise;

    /// <summary>Creates a modeller for <paramref name="accelerator"/>; <paramref name="customModels"/> maps op names to their declared models.</summary>
    public AcceleratorModeller(AcceleratorDescription accelerator, IReadOnlyDictionary<string, OpModel>? customModels = null)
    {
        Accelerator = accelerator;
        _custom = customModels ?? new Dictionary<string, OpModel>();
        _engine = EngineModels.Engine(accelerator);
        _elementwise = EngineModels.Elementwise(accelerator);
    }

    /// <summary>The accelerator.</summary>
    public AcceleratorDescription Accelerator { get; }

    // Models are pure functions of the op's name, kind and features: variants share most of their ops, so each distinct
    // op is modelled once per modeller.
    private readonly Dictionary<string, OpCost> _costs = new(StringComparer.Ordinal);

    /// <summary>The cost of one call of <paramref name="op"/>.</summary>
    public OpCost Model(ModelledOp op) => ModelAll(new[] { op })[0];

    // The cost of each op, in order: the ops not modelled yet are modelled side by side (each model is a pure function
    // of its op, so the order cannot change a result); the first failure is rethrown as it is.
    private OpCost[] ModelAll(IReadOnlyList<ModelledOp> ops)
    {
        string[] keys = ops.Select(Key).ToArray();
        var todo = new List<(string Key, ModelledOp Op)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < ops.Count; i++)
        {
            if (!_costs.ContainsKey(keys[i]) && seen.Add(keys[i])) todo.Add((keys[i], ops[i]));
        }
        if (todo.Count == 1) _costs[todo[0].Key] = ModelOnce(todo[0].Op);
        else if (todo.Count > 1) ModelSideBySide(todo);
        return keys.Select(k => _costs[k]).ToArray();
    }

    private void ModelSideBySide(List<(string Key, ModelledOp Op)> todo)
    {
        var costs = new OpCost[todo.Count];
        var errors = new Exception?[todo.Count];
        System.Threading.Tasks.Parallel.For(0, todo.Count, new System.Threading.Tasks.ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            try
            {
                costs[i] = ModelOnce(todo[i].Op);
            }
            catch (Exception e)
            {
                errors[i] = e;
            }
        });
        for (int i = 0; i < todo.Count; i++)
        {
            if (errors[i] is { } e) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e).Throw();
            _costs[todo[i].Key] = costs[i];
        }
    }

    private static string Key(ModelledOp op)
    {
        OpFeatureRecord f = op.Features;
        static string Ints(int[]? v) => v is null ? "-" : string.Join(",", v);
        var sb = new System.Text.StringBuilder();
        sb.Append(op.Op).Append('|').Append(op.Kind).Append('|').Append(f.Precision).Append('|');
        foreach (int[] input in f.Inputs) sb.Append(Ints(input)).Append(';');
        sb.Append('|').Append(Ints(f.Output)).Append('|').Append(Ints(f.Window)).Append('|').Append(Ints(f.Stride)).Append('|')
          .Append(Ints(f.Padding)).Append('|').Append(f.Groups).Append('|').Append(Ints(f.Approximation)).Append('|')
          .Append(f.NominalFlops).Append('|').Append(f.EffectiveFlops).Append('|').Append(f.BytesRead).Append('|').Append(f.BytesWritten);
        return sb.ToString();
    }

    private OpCost ModelOnce(ModelledOp op)
    {
        if (_custom.TryGetValue(op.Op, out OpModel? custom)) return custom.Model(op, Accelerator);
        return op.Kind switch
        {
            "conv" or "group_conv" or "mul" => _engine.Model(op, Accelerator),
            "flatten" => OpCost.None,
            "add" or "relu" or "clipped_relu" or "tanh" or "batchnorm" or "softmax" => _elementwise.Model(op, Accelerator),
            _ when op.Kind.StartsWith("pool", StringComparison.Ordinal) => _elementwise.Model(op, Accelerator),
            _ => throw new AcceleratorModelException(AcceleratorDiagnosticIds.NoModelForOp,
                $"op {op.Op} (kind {op.Kind}) has no model for {Accelerator.DeviceKind}: put [AcceleratorModel(typeof(YourModel))] on its [TensorOp] method, with YourModel deriving from Knobs.Accelerators.Modelling.OpModel"),
        };
    }

    /// <summary>Milliseconds of <paramref name="cycles"/> at the accelerator's clock.</summary>
    public double Milliseconds(long cycles) => cycles * 1000.0 / Accelerator.ClockHz;

    /// <summary>The modelled profile of the variant <paramref name="measured"/> was measured for.</summary>
    public Profile ModelProfile(Profile measured)
    {
        ProfileHeader h = measured.Header;
        var header = new ProfileHeader(h.Benchmark, h.Variant, h.Knob, h.Configuration, h.Settings, h.Environment, h.StartedUtc, Device(), h.Version);
        var ops = new List<OpRecord>(measured.Ops.Count);
        double runTime = 0, runEnergy = 0;
        foreach (OpRecord op in measured.Ops)
        {
            if (op.Features is null)
            {
                throw new AcceleratorModelException(AcceleratorDiagnosticIds.OpDoesNotFit,
                    $"{h.Benchmark} {h.Variant}: op {op.Op} of node {op.Node} recorded no features, so {Accelerator.DeviceKind} cannot model it; a [TensorOp] of your own records them with OpFeatureLog.Record");
            }
        }
        List<ModelledOp> modelled = measured.Ops.Select(o => new ModelledOp(o.Op, o.Kind, o.Features!)).ToList();
        OpCost[] costs = ModelAll(modelled);
        for (int i = 0; i < measured.Ops.Count; i++)
        {
            OpRecord op = measured.Ops[i];
            OpFeatureRecord features = op.Features!;
            OpCost cost = costs[i];
            double time = Milliseconds(cost.Cycles), energy = cost.EnergyPicojoules * 1e-12;
            // Conversions where the host run converted: the vector unit rounds (or widens) the op's input.
            ConversionCost f2h = op.F2h.Time > 0 ? Conversion(features, toHalf: true) : ConversionCost.None;
            ConversionCost h2f = op.H2f.Time > 0 ? Conversion(features, toHalf: false) : ConversionCost.None;
            runTime += time + f2h.Time + h2f.Time;
            runEnergy += energy + (f2h.Energy ?? 0) + (h2f.Energy ?? 0);
            ops.Add(new OpRecord(op.Node, op.NodeName, op.Index, op.Kind, op.Op, op.Approx, op.KnobId, Exact(time), energy, f2h, h2f,
                features, Provenance.Modelled, Transfer(features, modelled[i].ElementBytes), Transfer(features, modelled[i].ElementBytes), Detail(cost)));
        }
        var summary = new SummaryRecord(Exact(runTime), runEnergy, iterations: 1, failed: false, error: null);
        return new Profile(header, ops, measured.Qos, summary);
    }

    /// <summary>The profile header's device: the description's every parameter, and where each energy value comes from.</summary>
    public ProfileDevice Device()
    {
        AcceleratorDescription a = Accelerator;
        var p = new List<KeyValuePair<string, string>>
        {
            new("clockMHz", Text(a.ClockHz / 1e6)),
            new("dramBytesPerCycle", a.DramBytesPerCycle is double bw ? Text(bw) : "calc"),
            new("hostLinkBytesPerCycle", Text(a.HostLink.BytesPerCycle) + (a.HostLink.Assumed ? " (assumed)" : "")),
            new("hostLinkLatencyCycles", Text(a.HostLink.LatencyCycles) + (a.HostLink.Assumed ? " (assumed)" : "")),
            new("vectorLanes", Text(a.VectorLanes)),
            new("description", System.IO.Path.GetFileName(a.Source)),
        };
        if (a.Systolic is { } s)
        {
            p.Add(new("engine", "systolic"));
            p.Add(new("array", Text(s.Rows) + "x" + Text(s.Columns)));
            p.Add(new("dataflow", s.Dataflow switch { ArrayDataflow.OutputStationary => "os", ArrayDataflow.WeightStationary => "ws", _ => "is" }));
        }
        else if (a.Smv is { } m)
        {
            p.Add(new("engine", "smv"));
            p.Add(new("pes", Text(m.Pes)));
            p.Add(new("macsPerPe", Text(m.MacsPerPe)));
            p.Add(new("vectorWidth", Text(m.VectorWidth)));
            p.Add(new("pipelinedDma", m.PipelinedDma ? "true" : "false"));
        }
        foreach (Scratchpad spad in a.Scratchpads) p.Add(new("scratchpad." + spad.Name + "Bytes", Text(spad.Bytes)));
        foreach (EnergyValue e in a.Energy.Values) p.Add(new("energyPj." + e.Name, Text(e.Picojoules) + " (" + e.Source + ")"));
        return new ProfileDevice(a.DeviceKind, a.Name, p);
    }

    private ConversionCost Conversion(OpFeatureRecord f, bool toHalf)
    {
        long elements = f.Inputs.Count == 0 ? 0 : Elements(f.Inputs[0]);
        OpCost c = VectorUnitModel.Cost(elements, elements * (toHalf ? 4 : 2), elements * (toHalf ? 2 : 4), 4, Accelerator);
        return new ConversionCost(Milliseconds(c.Cycles), c.EnergyPicojoules * 1e-12);
    }

    // The op's first input, moved between host memory and the accelerator by DMA.
    private ConversionCost Transfer(OpFeatureRecord f, int elementBytes)
    {
        long bytes = (f.Inputs.Count == 0 ? 0 : Elements(f.Inputs[0])) * elementBytes;
        long cycles = Accelerator.HostLink.LatencyCycles + (long)Math.Ceiling(bytes / Accelerator.HostLink.BytesPerCycle);
        return new ConversionCost(Milliseconds(cycles), bytes * Accelerator.Energy.HostLinkByte * 1e-12);
    }

    private static ModelledDetail Detail(OpCost c) => new(c.Engine, c.Cycles, c.StallCycles, c.Macs, c.VectorOps, c.Utilisation,
        c.Traffic);

    private static ProfileStatistics Exact(double value) => new(1, value, value, 0, value, value, value, value, 0, false);

    internal static long Elements(int[] shape)
    {
        long n = 1;
        foreach (int d in shape) n *= d;
        return n;
    }

    private static string Text(double v) => v.ToString("R", CultureInfo.InvariantCulture);
    private static string Text(long v) => v.ToString(CultureInfo.InvariantCulture);
}
