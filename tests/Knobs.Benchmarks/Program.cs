using System;

namespace Knobs.Benchmarks;

/// <summary>Entry point: `dotnet run -c Release --project tests/Knobs.Benchmarks -- &lt;suite&gt;`.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        Console.Error.WriteLine("usage: Knobs.Benchmarks <suite> (suites are added by each component)");
        return args.Length == 0 ? 2 : 0;
    }
}
