using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Knobs.Generators.Model;

namespace Knobs.Generators.Parsing;

/// <summary>
/// Groups op calls into nodes exactly as HPVM's tuner does, so HPVM configuration files apply unchanged (docs/generator.md, "Nodes"): a conv or mul immediately followed
/// by a bias add forms a node that absorbs an immediately following tanh/relu and, for conv only, an
/// immediately following max/mean pooling; every other op is a node of its own. A <c>Knobs.Node("name")</c>
/// marker starts a node by hand: the ops from it up to the next marker form that node.
/// </summary>
internal static class NodeGrouper
{
    public static List<NodeSpec> Group(IReadOnlyList<OpCallSpec> ops, IReadOnlyList<(int FirstOp, string Name)> markers)
    {
        var nodes = new List<NodeSpec>();
        int firstManual = markers.Count == 0 ? ops.Count : markers[0].FirstOp;
        int i = 0;
        while (i < firstManual)
        {
            int end = AutomaticNodeEnd(ops, i, firstManual);
            Add(nodes, null, i, end);
            i = end;
        }
        for (int m = 0; m < markers.Count; m++)
        {
            int start = markers[m].FirstOp;
            int end = m + 1 < markers.Count ? markers[m + 1].FirstOp : ops.Count;
            if (end > start) Add(nodes, markers[m].Name, start, end);
        }
        return nodes;
    }

    /// <summary>The exclusive end of the automatic node that starts at op <paramref name="start"/>.</summary>
    private static int AutomaticNodeEnd(IReadOnlyList<OpCallSpec> ops, int start, int limit)
    {
        string kind = ops[start].Kind;
        if ((kind != "conv" && kind != "mul") || start + 1 >= limit) return start + 1;
        OpCallSpec next = ops[start + 1];
        if (next.Kind != "add" || !next.SecondOperandIsWeight) return start + 1;
        int end = start + 2;
        if (end < limit && ops[end].Kind is "tanh" or "relu") end++;
        if (kind == "conv" && end < limit && ops[end].Kind is "pool_max" or "pool_mean") end++;
        return end;
    }

    private static void Add(List<NodeSpec> nodes, string? name, int start, int end)
    {
        int id = nodes.Count + 1;
        nodes.Add(new NodeSpec(id, name ?? "node" + id.ToString(CultureInfo.InvariantCulture), Enumerable.Range(start, end - start).ToEquatableArray()));
    }
}
