using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using Knobs.Configurations;
using Knobs.KnobTables;
using Knobs.Profiles;
using Knobs.Tables;
using static System.FormattableString;

namespace Knobs.Cli;

/// <summary>
/// <c>knobs table PROFILES… --out DIR</c>: the lookup tables of profiles written elsewhere (a GPU machine without the
/// .NET SDK, a cluster), as ProfileTable writes them: <c>&lt;bench&gt;[.&lt;device&gt;].tensors.txt|table.csv|table.json|table.md</c>.
/// </summary>
internal static class TableCommand
{
    public static Command Create(Func<int, int> done, TextWriter output, TextWriter error)
    {
        var inputs = new Argument<string[]>("profiles") { Description = "Profile files (*.profile.jsonl) or folders holding them (not searched below).", Arity = ArgumentArity.OneOrMore };
        var outDir = new Option<string>("--out", "-o") { Description = "Folder for the table files (created if missing).", HelpName = "folder", Required = true };
        var command = new Command("table",
            "Build lookup tables from profiles measured elsewhere (e.g. 'APP run' with KNOBS_BACKEND=Cuda on a GPU machine) and write them as " +
            "ProfileTable does: <Benchmark>.* for the CPU, <Benchmark>.<device>.* for other devices. Simulate reads them with -p:KnobsSimulateTables=FOLDER.")
        { inputs, outDir };
        command.SetAction(r => done(Run(r.GetValue(inputs)!, r.GetValue(outDir)!, output, error)));
        return command;
    }

    internal static int Run(IReadOnlyList<string> inputs, string outDir, TextWriter output, TextWriter error)
    {
        var profiles = new List<string>();
        foreach (string input in inputs)
        {
            if (Directory.Exists(input))
            {
                string[] found = Directory.GetFiles(input, "*.profile.jsonl").Order(StringComparer.Ordinal).ToArray();
                if (found.Length == 0) return KnobsCommand.Usage(error, $"table: the folder {input} holds no *.profile.jsonl file; give the folder 'APP run --out' wrote");
                profiles.AddRange(found);
            }
            else if (File.Exists(input)) profiles.Add(input);
            else return KnobsCommand.Usage(error, $"table: {input} is neither a profile file nor a folder");
        }
        // The folder is checked before anything is read: a table that cannot be written is known first.
        if (FolderProbe.Problem(outDir) is { } problem)
        {
            error.WriteLine(SafeText.Escape($"error KNB0602: cannot write table files in {outDir}: {problem}. Give --out a folder you can write to."));
            return KnobsCommand.ExitOutputFailed;
        }
        TableBuildResult result = TableBuilder.Build(profiles);
        foreach (ConfigurationDiagnostic d in result.Diagnostics) (d.IsError ? error : output).WriteLine(SafeText.Escape(d.ToString()));
        if (result.HasErrors) return KnobsCommand.ExitUsage;
        try
        {
            foreach (LookupTable table in result.Tables)
            {
                string stem = Path.Combine(outDir, TableFileNames.Stem(table.Benchmark, table.DeviceKind));
                HpvmTensorTableWriter.Write(stem + ".tensors.txt", table);
                TableCsvWriter.Write(stem + ".table.csv", table);
                TableJsonWriter.Write(stem + ".table.json", table);
                TableMarkdownWriter.Write(stem + ".table.md", table);
                output.WriteLine(SafeText.Escape(Invariant($"{table.Benchmark} on {table.DeviceKind}: {table.Knobs.Count} knob column(s) → {stem}.table.json (.csv, .md, .tensors.txt)")));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine(SafeText.Escape($"error KNB0602: cannot write table files in {outDir}: {e.Message}. Give --out a folder you can write to."));
            return KnobsCommand.ExitOutputFailed;
        }
        return KnobsCommand.ExitSuccess;
    }
}
