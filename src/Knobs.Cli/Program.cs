using System;
using System.IO;

namespace Knobs.Cli;

/// <summary>The <c>knobs</c> tool's entry point.</summary>
public static class Program
{
    /// <summary>Runs the tool; the exit code is <see cref="KnobsCommand"/>'s.</summary>
    public static int Main(string[] args) => KnobsCommand.Run(args, Console.Out, Console.Error);
}
