using System;
using System.Collections.Generic;
using System.Linq;

namespace Knobs.Benchmarks;

/// <summary>Entry point: `dotnet run -c Release --project tests/Knobs.Benchmarks -- &lt;suite&gt; [options]`.</summary>
public static class Program
{
    /// <summary>The suites by name; each component adds its line.</summary>
    private static readonly Dictionary<string, Func<string[], int>> Suites = new(StringComparer.Ordinal)
    {
        ["networks"] = Networks.NetworksSuite.Run,
        ["kernels"] = Kernels.KernelsSuite.Run,
        ["hooks"] = Hooks.HooksSuite.Run,
        ["simulator"] = Simulator.SimulatorSuite.Run,
        ["generator"] = Generator.GeneratorSuite.Run,
    };

    public static int Main(string[] args)
    {
        if (args.Length == 0 || !Suites.TryGetValue(args[0], out var suite))
        {
            Console.Error.WriteLine($"usage: Knobs.Benchmarks <suite> [options]; suites: {string.Join(", ", Suites.Keys.Order(StringComparer.Ordinal))}");
            return 2;
        }
        return suite(args[1..]);
    }
}
