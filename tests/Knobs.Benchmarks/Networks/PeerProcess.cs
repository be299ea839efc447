using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text.Json;

namespace Knobs.Benchmarks.Networks;

/// <summary>Runs a peer script and collects its JSON lines; a failure is reported, never turned into a number.</summary>
internal static class PeerProcess
{
    public static (List<PeerResult> Results, string? Error) Run(string fileName, string workingDirectory, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in arguments) info.ArgumentList.Add(a);
        // Each peer sets its own thread counts; keep OpenMP/MKL from adding spinning helpers on top.
        info.Environment["OMP_NUM_THREADS"] = "2";
        var results = new List<PeerResult>();
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException("no process");
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return (results, $"{fileName} could not start: {e.Message}");
        }
        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            string? line;
            while ((line = process.StandardOutput.ReadLine()) is not null)
            {
                if (!line.StartsWith('{')) continue;
                var r = JsonSerializer.Deserialize<PeerResult>(line);
                if (r is not null) results.Add(r);
            }
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                string err = stderr.Result.Trim();
                if (err.Length > 2000) err = err[^2000..];
                return (results, string.Create(CultureInfo.InvariantCulture,
                    $"{Path.GetFileName(fileName)} exited {process.ExitCode}: {err}"));
            }
        }
        return (results, null);
    }
}
