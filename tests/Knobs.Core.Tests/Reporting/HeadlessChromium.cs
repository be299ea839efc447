using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace Knobs.Core.Tests.Reporting;

/// <summary>
/// Runs Debian's <c>chromium</c> headless on a local file. Fails with a clear message when Chromium is absent
/// (CI installs it: <c>apt-get install -y chromium</c>; <c>KNOBS_CHROMIUM</c> may name another binary).
/// </summary>
internal static class HeadlessChromium
{
    public static string Binary()
    {
        string? configured = Environment.GetEnvironmentVariable("KNOBS_CHROMIUM");
        if (!string.IsNullOrEmpty(configured)) return configured;
        foreach (string name in new[] { "chromium", "chromium-browser", "google-chrome" })
        {
            foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
            {
                string candidate = Path.Combine(dir, name);
                if (File.Exists(candidate)) return candidate;
            }
        }
        throw new Xunit.Sdk.XunitException(
            "Chromium is not installed, so the report cannot be checked in a browser. Install it (Debian: apt-get update && apt-get install -y chromium) " +
            "or set KNOBS_CHROMIUM to a Chromium/Chrome binary.");
    }

    /// <summary>Runs Chromium on <paramref name="page"/> with extra arguments; returns stdout and the console lines from stderr.</summary>
    public static (string Stdout, IReadOnlyList<string> Console, string Stderr) Run(string page, params string[] extra)
    {
        string userData = Path.Combine(Path.GetTempPath(), "knobs-chromium-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(userData);
        try
        {
            var info = new ProcessStartInfo(Binary())
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string arg in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + userData,
                "--enable-logging=stderr", "--v=0",
            }.Concat(extra))
            {
                info.ArgumentList.Add(arg);
            }
            info.ArgumentList.Add(new Uri(page).AbsoluteUri);
            using Process process = Process.Start(info) ?? throw new InvalidOperationException("cannot start " + info.FileName);
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(180_000))
            {
                process.Kill(entireProcessTree: true);
                throw new Xunit.Sdk.XunitException("Chromium did not finish within 180 s");
            }
            process.WaitForExit();
            string err = stderr.Result;
            var console = err.Split('\n').Where(l => l.Contains(":CONSOLE", StringComparison.Ordinal)).ToList();
            return (stdout.Result, console, err);
        }
        finally
        {
            try { Directory.Delete(userData, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
