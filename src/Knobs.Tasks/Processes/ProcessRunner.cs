using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;
using System.Threading;

namespace Knobs.Tasks.Processes;

/// <summary>
/// Runs a child process to completion, to a timeout or to a cancellation (then kills it and its children).
/// </summary>
internal static class ProcessRunner
{
    public static ProcessResult Run(string fileName, IReadOnlyList<string> arguments, string workingDirectory,
        TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null, CancellationToken cancel = default)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        // MSBuild's own settings must not leak into the measured app (e.g. a build's node reuse or env overrides).
        start.Environment.Remove("MSBuildExtensionsPath");
        start.Environment.Remove("MSBUILD_EXE_PATH");
        start.Environment.Remove("MSBuildSDKsPath");
        if (environment is not null)
        {
            foreach (var pair in environment)
            {
                start.Environment[pair.Key] = pair.Value;
            }
        }
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var clock = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (stdout) stdout.Append(e.Data).Append('\n'); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.Append(e.Data).Append('\n'); };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        bool exited = Wait(process, timeout, cancel);
        bool canceled = !exited && cancel.IsCancellationRequested;
        if (!exited)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // exited between the timeout and the kill
            }
        }
        process.WaitForExit(); // drains the output readers
        clock.Stop();
        lock (stdout) lock (stderr)
        {
            return new ProcessResult(exited ? process.ExitCode : -1, !exited && !canceled, stdout.ToString(), stderr.ToString(), clock.Elapsed.TotalSeconds)
            {
                Canceled = canceled,
            };
        }
    }

    // True when the process exited; false on the timeout or a cancellation (checked every 100 ms and on the token's signal).
    private static bool Wait(Process process, TimeSpan timeout, CancellationToken cancel)
    {
        var limit = Stopwatch.StartNew();
        double total = Math.Max(1, timeout.TotalMilliseconds);
        using var exitedSignal = new ManualResetEvent(false);
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => { try { exitedSignal.Set(); } catch (ObjectDisposedException) { } };
        while (true)
        {
            if (process.HasExited)
            {
                return true;
            }
            if (cancel.IsCancellationRequested)
            {
                return false;
            }
            double left = total - limit.Elapsed.TotalMilliseconds;
            if (left <= 0)
            {
                return process.WaitForExit(0);
            }
            WaitHandle.WaitAny(new[] { exitedSignal, cancel.WaitHandle }, (int)Math.Min(100, Math.Ceiling(left)));
        }
    }
}
