using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Knobs.Profiles;
using Knobs.Tables;
using Knobs.KnobTables;
using Knobs.Scheduling;
using Knobs.Scheduling.HaxConn;
using Knobs.Scheduling.Model;
using Knobs.Scheduling.Output;
using Knobs.Scheduling.Solving;
using Knobs.Scheduling.Tables;

namespace Knobs.Cli;

/// <summary>
/// <c>knobs schedule --instance FILE [--id ID] [--solver cpsat|z3] [--time-limit S] [--json]</c>: reads a HaX-CoNN instance,
/// solves it and prints the schedule. An input error is one line <c>FILE: error: JSON-PATH: what to fix</c> and exit 2;
/// a solver that cannot run (Z3's native library missing) exits 3. Output depends only on the input and the options.
/// </summary>
internal static class ScheduleCommand
{
    /// <summary>
    /// <c>knobs schedule --tables A.table.json,B.table.json --corun corun.profile.json [--budget A=2] [--cores N] [--out FILE]</c>:
    /// DNNs co-running on a CPU's cores, from their lookup tables and a co-run profile (TableProblemBuilder); prints the
    /// fitted contention model against its measurements, the schedule, and writes it as JSON to FILE (for <c>APP corun --schedule</c>).
    /// </summary>
    public static int RunTables(string tables, string? corun, string? budgets, int? cores, double? timeLimit, bool json, string? outFile,
        string? gantt, TextWriter output, TextWriter error)
    {
        if (corun is null)
        {
            error.WriteLine("error: --tables needs --corun FILE: the co-run profile 'APP corun --contention' wrote (transition costs and the contention model come from it)");
            return KnobsCommand.ExitUsage;
        }
        if (timeLimit is double t && !(t > 0 && t <= 86400))
        {
            error.WriteLine($"error: --time-limit must be a number of seconds above 0 and at most 86400, got {t.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}");
            return KnobsCommand.ExitUsage;
        }
        var budgetByName = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (string part in (budgets ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = part.IndexOf('=');
            if (eq <= 0 || !double.TryParse(part[(eq + 1)..], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double b) || !(b >= 0) || double.IsInfinity(b))
            {
                error.WriteLine(SafeText.Escape($"error: --budget: '{part}' is not Name=POINTS with POINTS a number ≥ 0 (accuracy loss in percentage points, e.g. LeNetDigits=2)"));
                return KnobsCommand.ExitUsage;
            }
            if (!budgetByName.TryAdd(part[..eq], b))
            {
                error.WriteLine(SafeText.Escape($"error: --budget names '{part[..eq]}' twice"));
                return KnobsCommand.ExitUsage;
            }
        }
        TableProblem built;
        ScheduleResult result;
        try
        {
            var read = new List<(string, LookupTable)>();
            foreach (string file in tables.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                try
                {
                    read.Add((file, TableJsonReader.Read(file)));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or TableFormatException)
                {
                    throw new ScheduleInputException(file, "$", "the table could not be read: " + e.Message);
                }
            }
            built = TableProblemBuilder.Build(read, CoRunProfile.Read(corun), budgetByName, cores ?? 0);
            result = CpSatScheduler.Solve(built.Problem, new CpSatSettings(timeLimit ?? 10));
        }
        catch (ScheduleInputException e)
        {
            error.WriteLine(SafeText.Escape($"{e.File}: error: {e.JsonPath}: {e.Problem}"));
            return KnobsCommand.ExitUsage;
        }
        string jsonText = ScheduleJson.Write(built.Problem, result);
        if (outFile is not null && !Write(outFile, jsonText, "the schedule", error)) return KnobsCommand.ExitOutputFailed;
        if (gantt is not null && !WriteGantt(gantt, built.Problem, result, error)) return KnobsCommand.ExitOutputFailed;
        string text = json ? jsonText : ContentionText(built) + ScheduleText.Write(built.Problem, result) + (outFile is null ? "" : $"schedule written to {outFile}\n") +
            (gantt is null || result.MakespanMs is null ? "" : $"Gantt chart written to {gantt}\n");
        foreach (string note in built.Notes) error.WriteLine(SafeText.Escape("note: " + note));
        foreach (string line in text.TrimEnd('\n').Split('\n')) output.Write(SafeText.Escape(line) + "\n");
        return KnobsCommand.ExitSuccess;
    }

    // Atomically, creating the folder; a failure is one line and exit 3.
    private static bool Write(string file, string text, string what, TextWriter error)
    {
        try
        {
            string? dir = Path.GetDirectoryName(Path.GetFullPath(file));
            if (dir is not null) Directory.CreateDirectory(dir);
            AtomicFile.WriteAllText(file, text);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine(SafeText.Escape($"{file}: error: {what} could not be written: {e.Message}"));
            return false;
        }
    }

    // No schedule, no chart: nothing is written and a note says so.
    private static bool WriteGantt(string file, ScheduleProblem problem, ScheduleResult result, TextWriter error)
    {
        if (ScheduleGantt.Svg(problem, result) is not string svg)
        {
            error.WriteLine(SafeText.Escape($"note: no schedule was found, so no Gantt chart was written to {file}"));
            return true;
        }
        return Write(file, svg, "the Gantt chart", error);
    }

    // The fitted contention model against the co-runs it was fitted on: per DNN and co-runner, the whole DNN's slowdown.
    private static string ContentionText(TableProblem built)
    {
        var s = new System.Text.StringBuilder();
        FittedContention c = built.Contention;
        s.Append(FormattableString.Invariant($"contention (fitted on {c.Points.Count} measured node co-runs): slowdown = 1 + {c.Beta:G4} × node GB/s × co-runner GB/s\n"));
        foreach (var pair in c.Points.GroupBy(p => (p.Dnn, p.CoRunner)))
        {
            double alone = pair.Sum(p => p.AloneMs);
            double measured = pair.Sum(p => p.BesideMs) / alone;
            double predicted = pair.Sum(p => p.AloneMs * p.Predicted) / alone;
            double nodeError = pair.Average(p => Math.Abs(p.Predicted - p.Measured) / p.Measured) * 100;
            s.Append(FormattableString.Invariant(
                $"  {pair.Key.Dnn} beside {pair.Key.CoRunner}: measured {measured:F3}x, predicted {predicted:F3}x; nodes' mean |error| {nodeError:F1} %\n"));
        }
        return s.ToString();
    }

    public static int Run(string file, string? id, string solver, double? timeLimit, bool json, string? gantt, TextWriter output, TextWriter error)
    {
        if (solver != "cpsat" && solver != "z3")
        {
            error.WriteLine($"error: --solver must be cpsat or z3, got '{SafeText.Escape(solver)}'");
            return KnobsCommand.ExitUsage;
        }
        if (timeLimit is double t && !(t > 0 && t <= 86400))
        {
            error.WriteLine($"error: --time-limit must be a number of seconds above 0 and at most 86400, got {t.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}");
            return KnobsCommand.ExitUsage;
        }
        ScheduleProblem problem;
        ScheduleResult result;
        try
        {
            problem = HaxConnInstanceReader.Load(file, id);
            result = solver == "z3"
                ? Z3HaxConnScheduler.Solve(problem, timeLimit ?? 60)
                : CpSatScheduler.Solve(problem, new CpSatSettings(timeLimit ?? 10));
        }
        catch (ScheduleInputException e)
        {
            error.WriteLine(SafeText.Escape($"{e.File}: error: {e.JsonPath}: {e.Problem}"));
            return KnobsCommand.ExitUsage;
        }
        catch (InvalidOperationException e)
        {
            error.WriteLine(SafeText.Escape($"error: the {solver} solver could not run: {e.Message}"));
            return KnobsCommand.ExitOutputFailed;
        }
        if (gantt is not null && !WriteGantt(gantt, problem, result, error)) return KnobsCommand.ExitOutputFailed;
        // Names come from the input file: each line is escaped (control characters shown, never sent to the terminal).
        string text = json ? ScheduleJson.Write(problem, result) : ScheduleText.Write(problem, result);
        foreach (string line in text.TrimEnd('\n').Split('\n')) output.Write(SafeText.Escape(line) + "\n");
        return KnobsCommand.ExitSuccess;
    }
}
