using System;
using System.IO;
using Knobs.KnobTables;
using Knobs.Scheduling;
using Knobs.Scheduling.HaxConn;
using Knobs.Scheduling.Model;
using Knobs.Scheduling.Output;
using Knobs.Scheduling.Solving;

namespace Knobs.Cli;

/// <summary>
/// <c>knobs schedule --instance FILE [--id ID] [--solver cpsat|z3] [--time-limit S] [--json]</c>: reads a HaX-CoNN instance,
/// solves it and prints the schedule. An input error is one line <c>FILE: error: JSON-PATH: what to fix</c> and exit 2;
/// a solver that cannot run (Z3's native library missing) exits 3. Output depends only on the input and the options.
/// </summary>
internal static class ScheduleCommand
{
    public static int Run(string file, string? id, string solver, double? timeLimit, bool json, TextWriter output, TextWriter error)
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
        // Names come from the input file: each line is escaped (control characters shown, never sent to the terminal).
        string text = json ? ScheduleJson.Write(problem, result) : ScheduleText.Write(problem, result);
        foreach (string line in text.TrimEnd('\n').Split('\n')) output.Write(SafeText.Escape(line) + "\n");
        return KnobsCommand.ExitSuccess;
    }
}
