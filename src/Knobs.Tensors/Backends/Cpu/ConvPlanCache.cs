using System.Collections.Generic;

namespace Knobs.Tensors.Backends.Cpu;

/// <summary>Keeps the plans of recently seen convolution calls so a benchmark loop builds each plan once.</summary>
internal sealed class ConvPlanCache
{
    private const int Capacity = 256;
    private readonly Dictionary<(ConvShape, ConvApproxParams), ConvPlan> _plans = new();

    public ConvPlan Get(in ConvShape s, in ConvApproxParams a)
    {
        if (_plans.TryGetValue((s, a), out ConvPlan? plan)) return plan;
        if (_plans.Count >= Capacity) _plans.Clear();
        plan = new ConvPlan(s, a);
        _plans[(s, a)] = plan;
        return plan;
    }
}
