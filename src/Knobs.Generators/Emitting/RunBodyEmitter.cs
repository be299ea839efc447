using System;
using System.Linq;
using System.Text;
using Knobs.Generators.Model;

namespace Knobs.Generators.Emitting;

/// <summary>
/// Writes a copy of a template's <c>Run</c> body: op calls rendered by the caller (the run-time choice among a call
/// site's alternatives), nested op calls hoisted into <c>__kN</c> temporaries, the statement <c>nodeStart</c>
/// renders before the first op of each node, and each op call wrapped in <c>Profiler.Begin/End</c> hooks in PerTensor mode.
/// </summary>
internal static class RunBodyEmitter
{
    public static void Write(SourceWriter writer, TemplateSpec template, ProfilingMode mode, Func<OpCallSpec, string> renderCall,
        Func<int, string> nodeStart)
    {
        int[] nodeOf = new int[template.Ops.Count];
        foreach (NodeSpec node in template.Nodes)
        {
            foreach (int op in node.Ops) nodeOf[op] = node.Id;
        }
        int currentNode = 0;
        foreach (StatementSpec statement in template.Statements)
        {
            if (statement.Kind == StatementKind.NodeMarker)
            {
                writer.Line("// node: " + statement.NodeName);
                continue;
            }
            for (int i = 0; i < statement.Ops.Count; i++)
            {
                OpCallSpec op = template.Ops[statement.Ops[i]];
                if (nodeOf[op.Index] != currentNode)
                {
                    currentNode = nodeOf[op.Index];
                    writer.Line(nodeStart(currentNode));
                }
                bool direct = statement.Kind == StatementKind.DirectOp && i == statement.Ops.Count - 1;
                string call = renderCall(op);
                string text = direct
                    ? Render(statement.Text, hole => hole == op.Index ? call : Temp(hole))
                    : "var " + Temp(op.Index) + " = " + call + ";";
                Hooked(writer, mode, op.Index, text);
            }
            if (statement.Kind != StatementKind.DirectOp)
            {
                writer.Line(Render(statement.Text, Temp));
            }
        }
    }

    /// <summary>Renders an op call's arguments (holes become the temporaries of nested op calls).</summary>
    public static string Arguments(OpCallSpec op, EquatableArray<string> appended)
        => string.Join(", ", op.Arguments.Select(a => Render(a, Temp)).Concat(appended));

    public static string Temp(int op) => "__k" + Literals.Int(op);

    private static void Hooked(SourceWriter writer, ProfilingMode mode, int opIndex, string statement)
    {
        if (mode != ProfilingMode.PerTensor)
        {
            writer.Line(statement);
            return;
        }
        string t = "__t" + Literals.Int(opIndex);
        writer.Line("long " + t + " = global::Knobs.Runtime.Profiler.Begin();");
        writer.Line(statement);
        writer.Line("global::Knobs.Runtime.Profiler.End(" + Literals.Int(opIndex) + ", " + t + ");");
    }

    private static string Render(Fragment fragment, Func<int, string> hole)
    {
        var builder = new StringBuilder();
        foreach (FragmentPart part in fragment.Parts)
        {
            builder.Append(part.IsHole ? hole(part.Op) : part.Text);
        }
        return builder.ToString();
    }
}
