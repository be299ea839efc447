using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Knobs.Profiles;

namespace Knobs.Tasks.Tests.Profiling;

/// <summary>
/// A real executable (a shell script) that behaves like a Knobs app: <c>list --json</c> prints its benchmarks,
/// <c>run</c> writes a profile into --out and appends "benchmark/variant" to runs.log. A variant named
/// <c>crash_*</c> exits with an error, <c>hang_*</c> sleeps far past any test timeout. The profile's header records the
/// --iterations, --target-error, --batch and --threads it was given, as the real runner does.
/// </summary>
internal sealed class FakeApp : IDisposable
{
    public FakeApp(params (string Benchmark, string[] Variants)[] benchmarks)
    {
        Directory = Path.Combine(Path.GetTempPath(), "knobs-tasks-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        string list = "{\"benchmarks\":[" + string.Join(",", benchmarks.Select(b =>
            "{\"name\":\"" + b.Benchmark + "\",\"variants\":[" + string.Join(",", b.Variants.Select(v => "\"" + v + "\"")) + "]}")) + "]}";
        File.WriteAllText(Path.Combine(Directory, "list.json"), list);
        File.WriteAllText(Path.Combine(Directory, "profile.template"), ProfileWriter.ToText(TemplateProfile()));
        AppPath = Path.Combine(Directory, "app");
        File.WriteAllText(AppPath, Script.Replace("\r\n", "\n"));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(AppPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    public string Directory { get; }

    public string AppPath { get; }

    public string ProfileDirectory => Path.Combine(Directory, "profiles");

    /// <summary>Every "benchmark/variant" the app has run, in order.</summary>
    public IReadOnlyList<string> Runs =>
        File.Exists(Path.Combine(Directory, "runs.log")) ? File.ReadAllLines(Path.Combine(Directory, "runs.log")) : Array.Empty<string>();

    public void ClearRuns() => File.Delete(Path.Combine(Directory, "runs.log"));

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // a killed child may still hold a file for a moment; the temp folder is cleaned by the OS
        }
    }

    private const string Script = """
        #!/usr/bin/env bash
        here="$(cd "$(dirname "$0")" && pwd)"
        case "$1" in
          list) cat "$here/list.json"; exit 0 ;;
          run) ;;
          *) echo "unknown command $1" >&2; exit 2 ;;
        esac
        shift
        while [ $# -gt 0 ]; do
          case "$1" in
            --benchmark) bench="$2"; shift 2 ;;
            --variant) variant="$2"; shift 2 ;;
            --out) out="$2"; shift 2 ;;
            --iterations) iters="$2"; shift 2 ;;
            --target-error) te="$2"; shift 2 ;;
            --batch) batch="$2"; shift 2 ;;
            --threads) threads="$2"; shift 2 ;;
            *) shift ;;
          esac
        done
        echo "$bench/$variant" >> "$here/runs.log"
        case "$variant" in
          crash_*) echo "Unhandled exception. System.InvalidOperationException: kernel exploded" >&2; exit 134 ;;
          hang_*) exec sleep 60 ;;
        esac
        mkdir -p "$out"
        sed -e "s/@BENCH@/$bench/g" -e "s/@VARIANT@/$variant/g" \
            -e "s/\"iterations\":7777,\"targetError\":null/\"iterations\":${iters:-null},\"targetError\":${te:-null}/" \
            -e "s/\"batch\":8888/\"batch\":${batch:-1}/" -e "s/\"threads\":9999/\"threads\":${threads:-1}/" \
            "$here/profile.template" > "$out/$bench.$variant.profile.jsonl"
        """;

    private static Profile TemplateProfile()
    {
        var stats = new ProfileStatistics(10, 1.5, 1.5, 0.1, 1.3, 1.7, 1.4, 1.6, 0, false);
        var header = new ProfileHeader("@BENCH@", "@VARIANT@", new ProfileKnob("fp32", 11), null,
            new ProfileSettings("PerTensor", 7777, null, null, 10, 8888, 9999, "Cpu"),
            new ProfileEnvironment("cpu", 2, "linux", "10.0.0", "tiered", "workstation", 1, "Cpu", "0.1.0", "none", null, "sha256:00"),
            "2026-11-21T10:00:00Z");
        var op = new OpRecord(1, "node1", 0, "conv", "Convolution", "fp32", 11, stats, null, ConversionCost.None, ConversionCost.None);
        return new Profile(header, new[] { op }, null, new SummaryRecord(stats, null, 10, false, null));
    }
}
