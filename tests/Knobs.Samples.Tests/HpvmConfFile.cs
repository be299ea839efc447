using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace Knobs.Samples.Tests;

/// <summary>
/// An independent reading of the node structure of an HPVM tuner_confs file (the first configuration):
/// per node line <c>id gpu|cpu op approx int [op approx int]…</c>, the id and the op names.
/// </summary>
public static class HpvmConfFile
{
    public static IReadOnlyList<(int Id, string Ops)> FirstConfigurationNodes(string path)
    {
        var nodes = new List<(int, string)>();
        bool inBlock = false, headerSeen = false;
        foreach (string line in File.ReadLines(path))
        {
            if (line.StartsWith("+++++", StringComparison.Ordinal)) { inBlock = true; continue; }
            if (!inBlock) continue;
            if (line.StartsWith("-----", StringComparison.Ordinal)) break;
            if (!headerSeen) { headerSeen = true; continue; }
            string[] t = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var ops = new List<string>();
            for (int i = 2; i < t.Length; i += 3) ops.Add(t[i]);
            nodes.Add((int.Parse(t[0], CultureInfo.InvariantCulture), string.Join(' ', ops)));
        }
        return nodes;
    }
}
