using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Knobs.Scheduling.Model;
using Knobs.Scheduling.Solving;

namespace Knobs.Scheduling.Output;

/// <summary>A schedule as JSON for programs. The same problem and solver settings give byte-identical text.</summary>
public static class ScheduleJson
{
    /// <summary>The output format's version.</summary>
    public const int FormatVersion = 1;

    /// <summary>Formats <paramref name="result"/> of <paramref name="problem"/>.</summary>
    public static string Write(ScheduleProblem problem, ScheduleResult result)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("format_version", FormatVersion);
            w.WriteString("instance", problem.Source);
            w.WriteString("semantics", problem.Semantics == ScheduleSemantics.HaxConn ? "haxconn" : "knobs");
            w.WriteString("contention", problem.Contention.Name);
            w.WriteStartArray("devices");
            foreach (string d in problem.Devices) w.WriteStringValue(d);
            w.WriteEndArray();
            w.WriteString("solver", result.Solver);
            w.WriteString("status", result.Status.ToString().ToLowerInvariant());
            w.WriteString("objective", result.Objective == ScheduleObjective.Energy ? "energy" : "makespan");
            w.WriteNumber("time_resolution_ms", result.TimeResolutionMs);
            Number(w, "objective_value", result.ObjectiveValue);
            Number(w, "best_bound", result.BestBound);
            Number(w, "gap", result.Gap);
            Number(w, "makespan_ms", result.MakespanMs);
            Number(w, "energy_j", result.EnergyJ);
            w.WriteStartArray("dnns");
            foreach (DnnSchedule d in result.Dnns)
            {
                w.WriteStartObject();
                w.WriteString("name", d.Name);
                if (problem.Dnns.FirstOrDefault(c => c.Name == d.Name)?.Batch is int batch) w.WriteNumber("batch", batch);
                Number(w, "end_ms", d.EndMs);
                w.WriteNumber("switches", d.Switches);
                Number(w, "qos_loss", d.QosLoss);
                w.WriteStartArray("groups");
                DnnChain? chain = problem.Dnns.FirstOrDefault(c => c.Name == d.Name);
                for (int i = 0; i < d.Groups.Count; i++)
                {
                    GroupPlacement g = d.Groups[i];
                    w.WriteStartObject();
                    w.WriteString("group", g.Group);
                    w.WriteString("device", g.Device);
                    w.WriteString("knob", g.Knob);
                    // The option's own time, before contention: what the group takes alone.
                    int device = problem.DeviceIndex(g.Device);
                    if (chain is not null && i < chain.Groups.Count && chain.Groups[i].Options.FirstOrDefault(o => o.Device == device && o.Knob == g.Knob) is { } option)
                        Number(w, "time_ms", option.TimeMs);
                    Number(w, "start_ms", g.StartMs);
                    Number(w, "end_ms", g.EndMs);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()).Replace("\r\n", "\n") + "\n";
    }

    // Rounded to 1e-9 so the last bits of a double never show.
    private static void Number(Utf8JsonWriter w, string name, double? v)
    {
        if (v is double x) w.WriteNumber(name, Math.Round(x, 9));
        else w.WriteNull(name);
    }
}
