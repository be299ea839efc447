namespace Knobs;

/// <summary>Statement markers a template's <c>Run</c> may use.</summary>
public static class Knobs
{
    /// <summary>
    /// As a statement in <c>Run</c>, starts a new node (layer) named <paramref name="name"/> that holds the
    /// following ops, overriding HPVM's automatic grouping. Does nothing at run time.
    /// </summary>
    public static void Node(string name) { _ = name; }
}
