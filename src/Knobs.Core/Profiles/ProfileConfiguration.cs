using System.Collections.Generic;

namespace Knobs.Profiles;

/// <summary>The configuration a <c>run --config</c> profile measured (the header's <c>configuration</c> object).</summary>
public sealed class ProfileConfiguration
{
    /// <summary>Creates a configuration record.</summary>
    public ProfileConfiguration(string file, string name, int index, IReadOnlyList<ProfileConfigurationNode> nodes)
    {
        File = file;
        Name = name;
        Index = index;
        Nodes = nodes;
    }

    /// <summary>The configuration file as given to the runner.</summary>
    public string File { get; }
    /// <summary>The configuration's name (<c>conf3</c>).</summary>
    public string Name { get; }
    /// <summary>1-based position of the configuration in its file.</summary>
    public int Index { get; }
    /// <summary>The knob chosen for each node.</summary>
    public IReadOnlyList<ProfileConfigurationNode> Nodes { get; }
}

/// <summary>The knob of one node in a measured configuration.</summary>
public sealed class ProfileConfigurationNode
{
    /// <summary>Creates a node entry.</summary>
    public ProfileConfigurationNode(int node, string knob, int id)
    {
        Node = node;
        Knob = knob;
        Id = id;
    }

    /// <summary>Node id (1-based).</summary>
    public int Node { get; }
    /// <summary>Approx name (<c>fp32</c>, <c>samp_fp16</c>, …).</summary>
    public string Knob { get; }
    /// <summary>Knob id.</summary>
    public int Id { get; }
}
