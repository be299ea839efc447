using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Knobs.Configurations;

/// <summary>Writes configuration files in HPVM's grammar: single spaces, <c>\n</c> line ends, fields as held in the model.</summary>
public static class ConfigurationWriter
{
    /// <summary>The file's text.</summary>
    public static string ToText(ConfigurationFile file)
    {
        var sb = new StringBuilder();
        sb.Append(file.FirstLine.TrimEnd(' ')).Append('\n');
        foreach (Configuration configuration in file.Configurations)
        {
            sb.Append("+++++\n");
            sb.Append(string.Join(" ", configuration.HeaderFields)).Append('\n');
            foreach (ConfigurationNode node in configuration.Nodes)
            {
                AppendNode(sb, node);
            }
            sb.Append("-----\n");
        }
        return sb.ToString();
    }

    /// <summary>Writes the file atomically (temp file + rename).</summary>
    public static void Write(string path, ConfigurationFile file) => Profiles.AtomicFile.WriteAllText(path, ToText(file));

    private static void AppendNode(StringBuilder sb, ConfigurationNode node)
    {
        sb.Append(node.Id.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(node.Device);
        foreach (ConfigurationOp op in node.Ops)
        {
            sb.Append(' ').Append(op.Op).Append(' ').Append(op.Approx).Append(' ').Append(op.Value.ToString(CultureInfo.InvariantCulture));
        }
        sb.Append('\n');
    }

    /// <summary>A copy of <paramref name="configuration"/> with the speedup and energy header fields replaced.</summary>
    public static Configuration WithHeader(Configuration configuration, string speedup, string energy)
    {
        var fields = new List<string>(configuration.HeaderFields);
        fields[1] = speedup;
        fields[2] = energy;
        return new Configuration(configuration.Index, configuration.Line, fields, configuration.Nodes);
    }
}
