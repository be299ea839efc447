using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using Knobs.Tensors.Backends;

namespace Knobs.Cuda.Bench;

/// <summary>One exact convolution for the PyTorch peer.</summary>
internal sealed record PeerCase(string Id, ConvShape Shape, bool Half);

/// <summary>Runs peers/conv_peer.py over all cases in one process; a missing Python or torch leaves every case not measured, with the reason.</summary>
internal static class PeerRunner
{
    public static (Dictionary<string, GpuTime> Times, string Banner) Run(string python, string script, IReadOnlyList<PeerCase> cases)
    {
        var times = new Dictionary<string, GpuTime>();
        if (!File.Exists(script)) return (times, $"not measured: peer script {script} not found");
        string list = Path.Combine(Path.GetTempPath(), $"knobs-cuda-peer-{Environment.ProcessId}.txt");
        File.WriteAllLines(list, cases.Select(c => string.Create(CultureInfo.InvariantCulture,
            $"{c.Id} {c.Shape.N} {c.Shape.C} {c.Shape.H} {c.Shape.W} {c.Shape.K} {c.Shape.KH} {c.Shape.KW} {c.Shape.PadH} {c.Shape.StrideH} {c.Shape.Groups} {(c.Half ? "f16" : "f32")}")));
        var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(list);
        start.Environment["PYTHONUNBUFFERED"] = "1";
        string banner = "";
        try
        {
            using Process process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            string? line;
            while ((line = process.StandardOutput.ReadLine()) is not null)
            {
                Console.WriteLine("peer: " + line);
                string[] f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (f.Length > 0 && f[0] == "ready") { banner = line["ready ".Length..]; continue; }
                if (f.Length == 4)
                    times[f[0]] = new GpuTime(double.Parse(f[1], CultureInfo.InvariantCulture), double.Parse(f[2], CultureInfo.InvariantCulture),
                        int.Parse(f[3], CultureInfo.InvariantCulture), Timing.Repeats);
            }
            process.WaitForExit();
            if (process.ExitCode != 0) banner += $" (peer exited {process.ExitCode}: {stderr.Result.Trim().Split('\n').LastOrDefault()})";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            banner = $"not measured: could not start {python}: {e.Message}";
        }
        finally
        {
            File.Delete(list);
        }
        return (times, banner);
    }
}
