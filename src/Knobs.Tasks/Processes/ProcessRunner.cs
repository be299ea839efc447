using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Threading;

namespace Knobs.Tasks.Processes;

/// <summary>
/// Runs a child process to completion, to a timeout or to a cancellation (then kills it and its children).
/// </summary>
internal static class ProcessRunner
{
    /// <summary>
    /// Runs <paramref name="fileName"/>. <paramref name="onLine"/> sees every output line as it arrives (on a reader
    /// thread); <paramref name="onWait"/> is called on this thread while the child runs (at least every 100 ms) and once
    /// after it ended, so a caller can log from the thread that owns its logger. The result keeps the last
    /// <paramref name="keepLines"/> lines of each stream. A program that cannot be started is a failed result (exit code
    /// -1, the reason in <see cref="ProcessResult.StandardError"/>), never an exception.
    /// </summary>
    public static ProcessResult Run(string fileName, IReadOnlyList<string> arguments, string workingDirectory,
        TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null, CancellationToken cancel = default,
        Action<string>? onLine = null, Action? onWait = null, int keepLines = int.MaxValue)
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
        var stdout = new LineTail(keepLines);
        var stderr = new LineTail(keepLines);
        var clock = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { stdout.Add(e.Data); onLine?.Invoke(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { stderr.Add(e.Data); onLine?.Invoke(e.Data); } };
        try
        {
            process.Start();
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException or PlatformNotSupportedException)
        {
            return new ProcessResult(-1, false, "", $"cannot start {fileName}: {e.Message}\n", 0);
        }
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        bool exited = Wait(process, timeout, cancel, onWait);
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
        onWait?.Invoke();
        return new ProcessResult(exited ? process.ExitCode : -1, !exited && !canceled, stdout.ToString(), stderr.ToString(), clock.Elapsed.TotalSeconds)
        {
            Canceled = canceled,
        };
    }

    // True when the process exited; false on the timeout or a cancellation (checked every 100 ms and on the token's signal).
    private static bool Wait(Process process, TimeSpan timeout, CancellationToken cancel, Action? onWait)
    {
        var limit = Stopwatch.StartNew();
        double total = Math.Max(1, timeout.TotalMilliseconds);
        using var exitedSignal = new ManualResetEvent(false);
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => { try { exitedSignal.Set(); } catch (ObjectDisposedException) { } };
        while (true)
        {
            onWait?.Invoke();
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

    // The last lines of one output stream; a chatty child costs bounded memory.
    private sealed class LineTail
    {
        private readonly Queue<string> _lines = new();
        private readonly int _keep;

        public LineTail(int keep) => _keep = Math.Max(1, keep);

        public void Add(string line)
        {
            lock (_lines)
            {
                if (_lines.Count == _keep)
                {
                    _lines.Dequeue();
                }
                _lines.Enqueue(line);
            }
        }

        public override string ToString()
        {
            lock (_lines)
            {
                var text = new StringBuilder();
                foreach (string line in _lines)
                {
                    text.Append(line).Append('\n');
                }
                return text.ToString();
            }
        }
    }
}
