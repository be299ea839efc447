namespace Knobs;

/// <summary>
/// The node marker a template's <c>Run</c> may use. Templates write <c>Knobs.Node("name");</c>: the generated partial
/// of such a template declares a nested <c>Knobs</c> class that forwards here (docs/generator.md, "Nodes").
/// <c>NodeMarker.Node("name");</c> (or <c>Node("name");</c> under <c>using static Knobs.NodeMarker;</c>) calls it directly.
/// </summary>
public static class NodeMarker
{
    /// <summary>
    /// As a statement in <c>Run</c>, starts a new node (layer) named <paramref name="name"/> that holds the
    /// following ops, overriding HPVM's automatic grouping. Does nothing at run time.
    /// </summary>
    public static void Node(string name) { _ = name; }
}
