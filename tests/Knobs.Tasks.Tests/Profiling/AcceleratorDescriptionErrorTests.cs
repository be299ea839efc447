using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Knobs.Tasks.Apps;
using Knobs.Tasks.Profiling;

namespace Knobs.Tasks.Tests.Profiling;

/// <summary>
/// Profiling for a modelled accelerator whose description has mistakes: the app prints each as
/// <c>file(line,col): error KNB050x: …</c> and exits 2 before running anything; the profiler logs them as errors at the
/// description's lines (not as a failed run's warning).
/// </summary>
public sealed class AcceleratorDescriptionErrorTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "knobs-tasks-tests", Guid.NewGuid().ToString("N"));

    public AcceleratorDescriptionErrorTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    // A Knobs app that lists one benchmark and, asked to run for an accelerator, rejects its description the way the
    // runner does (one line per mistake, exit 2). <paramref name="other"/> is a line about another file.
    private string App(string other)
    {
        File.WriteAllText(Path.Combine(_dir, "list.json"), "{\"benchmarks\":[{\"name\":\"A\",\"variants\":[\"fp32_11\",\"perf_121\"]}]}");
        string app = Path.Combine(_dir, "app");
        File.WriteAllText(app, $$"""
            #!/usr/bin/env bash
            here="$(cd "$(dirname "$0")" && pwd)"
            if [ "$1" = list ]; then cat "$here/list.json"; exit 0; fi
            while [ $# -gt 0 ]; do
              case "$1" in
                --accelerator) acc="$2"; shift 2 ;;
                *) shift ;;
              esac
            done
            echo "starting" >&2
            echo "$acc(7,13): error KNB0503: dataflow 'wx' is none of os, ws, is" >&2
            echo "$acc(2,12): error KNB0503: clock_mhz must be a number" >&2
            echo "{{other}}" >&2
            exit 2
            """.Replace("\r\n", "\n"));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(app, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        return app;
    }

    [Fact]
    public void DescriptionMistakesAreErrorsAtTheirLineAndColumnInsteadOfAFailedRunWarning()
    {
        if (OperatingSystem.IsWindows()) return; // the fake app is a shell script
        string description = Path.Combine(_dir, "accel.yaml");
        File.WriteAllText(description, "name: x\n");
        var command = new AppCommand(App("/elsewhere/other.yaml(1,1): error KNB0503: not this description"));
        var listing = VariantListing.Parse(command.Run(new[] { "list", "--json" }, TimeSpan.FromSeconds(30)).StandardOutput);
        var settings = new RunSettings("PerTensor", 1, null, null, null) { Accelerator = description };
        var log = new CollectingLog();

        ProfilingOutcome outcome = new VariantProfiler(command, new ProfileStore(Path.Combine(_dir, "profiles")), settings, TimeSpan.FromSeconds(30), log)
            .Run(listing, new VariantFilter(null), new Dictionary<string, string> { ["A"] = "a1" }, force: false);

        Assert.Empty(outcome.Profiles);
        Assert.Equal(2, log.Errors.Count);
        Assert.Equal(("KNB0503", "dataflow 'wx' is none of os, ws, is", description, 7, 13), log.Located.Single(l => l.Line == 7));
        Assert.Equal(("KNB0503", "clock_mhz must be a number", description, 2, 12), log.Located.Single(l => l.Line == 2));
        Assert.DoesNotContain(log.Warnings, w => w.Code == "KNB0421");
    }
}
