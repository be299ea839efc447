using System;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Knobs.Runtime.Energy;
using Knobs.Runtime.Measurement;

namespace Knobs.Runtime.Cli;

/// <summary>The command line of a Knobs app: <c>list</c> and <c>run</c>, on System.CommandLine.</summary>
internal sealed class RunnerCli
{
    private readonly Option<bool> _json = new("--json") { Description = "Print the list as JSON (for tools)." };
    private readonly Option<string?> _benchmark = new("--benchmark", "-b") { Description = "Run only this benchmark (template class name). Default: all.", HelpName = "name" };
    private readonly Option<string?> _variant = new("--variant", "-v") { Description = "Variant(s) to run, comma-separated (e.g. fp32_11,perf_121), or 'all'. Default: all. See 'list'.", HelpName = "name|all" };
    private readonly Option<FileInfo?> _config = new("--config") { Description = "Run the per-node configurations of an HPVM configuration file (tuner_confs format) instead of variants.", HelpName = "file" };
    private readonly Option<int?> _index = new("--index") { Description = "With --config: run only the configuration at this 1-based position.", HelpName = "n", CustomParser = WholeNumber(1, int.MaxValue, "count the configurations from 1") };
    private readonly Option<string?> _paired = new("--paired") { Description = "Measure each target interleaved with this baseline variant (e.g. fp32_11) in the same process: after warm-up of both, one run of each in turn, ABBA order; --iterations counts pairs and --target-error applies to the per-pair speedups (baseline time / target time). The profile records the baseline's time and the paired speedup (summary.paired).", HelpName = "variant" };
    private readonly Option<int?> _iterations = new("--iterations", "-n") { Description = $"Measure exactly this many iterations (instead of stopping on --target-error), at most {MeasureSettings.MaxIterations}; with --max-time, stop there if it comes first.", HelpName = "n", CustomParser = WholeNumber(1, MeasureSettings.MaxIterations, "or leave it out to stop on --target-error") };
    private readonly Option<double?> _targetError = new("--target-error") { Description = "Stop when the 99.9% confidence half-width is below this fraction of the mean run time. Default: 0.02 (2%).", HelpName = "fraction", CustomParser = InvariantDouble };
    private readonly Option<int?> _warmup = new("--warmup") { Description = "Warm-up iterations (stopped at 30% of --max-time). Default: until the run time is steady and the JIT has settled.", HelpName = "n", CustomParser = WholeNumber(0, MeasureSettings.MaxIterations, "or leave it out for automatic warm-up") };
    private readonly Option<double?> _maxTime = new("--max-time") { Description = "Cap on measuring one variant, warm-up included, in seconds (warm-up uses at most 30% of it). Default: 10.", HelpName = "seconds", CustomParser = InvariantDouble };
    private readonly Option<int?> _batch = new("--batch") { Description = "Batch size of the input. Default: 1.", HelpName = "n", CustomParser = WholeNumber(1, MeasureSettings.MaxBatch, "use a smaller batch") };
    private readonly Option<int?> _threads = new("--threads") { Description = $"Threads the tensor backend may use, 1 to {Runner.MaxThreads}. Default: the backend's own.", HelpName = "n", CustomParser = WholeNumber(1, Runner.MaxThreads, $"the tensor backend uses at most {Runner.MaxThreads} threads, so give {Runner.MaxThreads} or fewer") };
    private readonly Option<string?> _out = new("--out", "-o") { Description = $"Folder for the profile files (*.profile.jsonl). Default: ./{RunRequest.DefaultOutDir}.", HelpName = "dir" };
    private readonly Option<string?> _meter = new("--meter") { Description = "Energy meter: auto (NVML on KNOBS_BACKEND=Cuda, else RAPL where readable, else none), rapl, nvml, none. Default: auto.", HelpName = "auto|rapl|nvml|none" };
    private readonly Option<string?> _accelerator = new("--accelerator") { Description = "Profile for the modelled accelerator this YAML description defines: each variant runs once on the CPU (for its op features and output quality) and every op's time, energy and host transfers come from the accelerator's model (provenance modelled; device accel:<name>). Excludes --paired and --target-error; implies --iterations 1 --warmup 0 --meter none.", HelpName = "file" };
    private readonly Option<bool> _quiet = new("--quiet", "-q") { Description = "Print only errors and the final summary." };

    public RootCommand Root { get; }

    public Command List { get; }

    public Command Run { get; }

    /// <summary><c>corun</c>: DNNs at the same time, one per core (CoRunCommand).</summary>
    public Command CoRun { get; }

    private readonly Option<string?> _schedule = new("--schedule") { Description = "Run this schedule for real ('knobs schedule --tables … --out FILE' wrote it): each DNN on its own thread, each node on the core the schedule gives, each core taken in the schedule's order; print the measured makespan beside the predicted one. Several files (comma-separated) are run in turn, block by block, and compared.", HelpName = "file[,file…]" };
    private readonly Option<bool> _contention = new("--contention") { Description = "Measure every node alone on core 0 and beside each other benchmark running on core 1, and the cost of moving between cores; write a co-run profile (default ./corun.profile.json) for 'knobs schedule --tables'." };
    private readonly Option<string?> _benchmarks = new("--benchmark", "-b") { Description = "With --contention: the benchmarks, comma-separated. Default: all.", HelpName = "A,B" };
    private readonly Option<int?> _rounds = new("--rounds") { Description = "Measured rounds (all DNNs start together in each). Default: 30.", HelpName = "n", CustomParser = WholeNumber(1, 10000, "give fewer rounds") };
    private readonly Option<int?> _coWarmup = new("--warmup") { Description = "Rounds run first and not measured. Default: at least 5 rounds and 2 s (until the JIT has settled).", HelpName = "n", CustomParser = WholeNumber(0, 10000, "give fewer rounds") };
    private readonly Option<string?> _coBatch = new("--batch") { Description = "With --contention: the batch of every DNN (N), or per benchmark (Name=N,Name=N; others 1). A schedule carries its DNNs' batches. Default: 1.", HelpName = "n|A=n,B=n" };
    private readonly Option<string?> _coOut = new("--out", "-o") { Description = "With --contention: the co-run profile (default ./corun.profile.json); with --schedule: where to write the measurement as JSON.", HelpName = "file" };

    public RunnerCli(string appName)
    {
        Root = new RootCommand(
            $"{appName}: Knobs benchmark runner. Each benchmark is a DNN template; each variant applies one approximation knob " +
            "(fp32, fp16, perforated or sampled convolution, ...). 'list' shows them, 'run' measures them and writes one profile per variant.\n" +
            $"Examples:\n  {appName} list\n  {appName} run --variant fp32_11,perf_121\n  {appName} run --config tuner_confs.txt --index 3 --out profiles\n  {appName} run --config tuner_confs.txt --index 3 --paired fp32_11");
        List = new Command("list", "List the benchmarks, their nodes (layers) and their variants.") { _json };
        Run = new Command("run",
            "Measure variants: warm up, repeat until the mean run time is known to --target-error (99.9% confidence) or --max-time, " +
            "then write <out>/<benchmark>.<variant>.profile.jsonl with per-op times, energy (when a meter exists) and output quality " +
            "(QoS) against the fp32 variant. Exit code: 0 all ran, 1 some failed, 2 bad arguments, 3 a profile could not be written.")
        {
            _benchmark, _variant, _config, _index, _paired, _iterations, _targetError, _warmup, _maxTime, _batch, _threads, _out, _meter, _accelerator, _quiet,
        };
        CoRun = new Command("corun",
            "Run DNNs of this app at the same time, one thread each, pinned to cores (Linux): measure how they slow each other (--contention), " +
            "or run a schedule 'knobs schedule' wrote and measure its makespan (--schedule).")
        {
            _schedule, _contention, _benchmarks, _rounds, _coWarmup, _coBatch, _coOut,
        };
        Root.Add(List);
        Root.Add(Run);
        Root.Add(CoRun);
    }

    public bool ListAsJson(ParseResult r) => r.GetValue(_json);

    /// <summary>Reads and checks the <c>corun</c> options.</summary>
    internal CoRunning.CoRunRequest ReadCoRun(ParseResult r)
    {
        string? schedule = r.GetValue(_schedule);
        bool contention = r.GetValue(_contention);
        if ((schedule is null) == !contention)
        {
            throw new UsageException("corun needs exactly one of --schedule FILE (run a schedule) and --contention (measure a co-run profile)");
        }
        string? names = r.GetValue(_benchmarks);
        if (names is not null && schedule is not null) throw new UsageException("--benchmark goes with --contention; a schedule names its own DNNs");
        string[]? list = names?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        string? batchText = r.GetValue(_coBatch);
        if (batchText is not null && schedule is not null) throw new UsageException("--batch goes with --contention; a schedule carries its DNNs' batches");
        int batch = 1;
        var batches = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (string part in (batchText ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = part.IndexOf('=');
            string value = eq < 0 ? part : part[(eq + 1)..];
            if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n < 1 || n > MeasureSettings.MaxBatch)
            {
                throw new UsageException($"--batch: '{part}' is not N or Name=N with N a whole number from 1 to {MeasureSettings.MaxBatch}");
            }
            if (eq < 0) batch = n;
            else if (!batches.TryAdd(part[..eq], n)) throw new UsageException($"--batch names '{part[..eq]}' twice");
        }
        return new CoRunning.CoRunRequest(schedule, contention, list, batch, batches, r.GetValue(_rounds) ?? 30, r.GetValue(_coWarmup), r.GetValue(_coOut));
    }

    /// <summary>Reads and checks the <c>run</c> options; throws <see cref="UsageException"/> with one line.</summary>
    public RunRequest ReadRun(ParseResult r)
    {
        int? iterations = r.GetValue(_iterations);
        double? targetError = r.GetValue(_targetError);
        if (iterations is not null && targetError is not null)
        {
            throw new UsageException("--iterations and --target-error exclude each other: give a fixed count or a precision, not both");
        }
        if (targetError is double te && !(te > 0 && te < 1))
        {
            throw new UsageException($"--target-error must be a fraction between 0 and 1 (0.02 = 2%), got {Format(te)}");
        }
        int? warmup = r.GetValue(_warmup);
        double? maxTime = r.GetValue(_maxTime);
        if (maxTime is double mt && !(mt > 0 && mt <= MeasureSettings.MaxTimeLimitSeconds))
        {
            throw new UsageException($"--max-time must be a number of seconds above 0 and at most {Format(MeasureSettings.MaxTimeLimitSeconds)}, got {Format(mt)}; give a smaller cap");
        }
        int batch = r.GetValue(_batch) ?? 1;
        int? threads = r.GetValue(_threads);
        FileInfo? config = r.GetValue(_config);
        int? index = r.GetValue(_index);
        string? variant = r.GetValue(_variant);
        if (index is not null && config is null) throw new UsageException("--index needs --config (it picks one configuration of the file)");
        if (config is not null && variant is not null) throw new UsageException("--variant and --config exclude each other: a configuration already says which knob each node uses");
        if (config is not null && !config.Exists) throw new UsageException($"--config: file not found: {config.FullName}");
        string meter = (r.GetValue(_meter) ?? "auto").Trim().ToLowerInvariant();
        if (!EnergyMeters.Names.Contains(meter)) throw new UsageException($"--meter must be one of {string.Join(", ", EnergyMeters.Names)}, got '{meter}'");
        string? outDir = r.GetValue(_out);
        if (outDir is not null && (outDir.Trim().Length == 0 || outDir.IndexOfAny(Path.GetInvalidPathChars()) >= 0))
        {
            throw new UsageException($"--out is not a valid folder path: '{outDir}'; give a folder the profiles can be written to");
        }
        if (outDir is not null && File.Exists(outDir)) throw new UsageException($"--out must be a folder, but '{outDir}' is a file");
        var variants = variant is null || variant.Trim().Equals("all", StringComparison.OrdinalIgnoreCase)
            ? null
            : variant.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        string? paired = r.GetValue(_paired)?.Trim();
        if (paired is { Length: 0 }) throw new UsageException("--paired is empty: give the baseline variant to measure interleaved with each target (e.g. fp32_11; see 'list')");
        if (variants is { Length: 0 }) throw new UsageException("--variant is empty: give a variant name (see 'list') or 'all'");
        string? accelerator = r.GetValue(_accelerator);
        if (accelerator is not null)
        {
            if (accelerator.Trim().Length == 0) throw new UsageException("--accelerator is empty: give the path of an accelerator description (YAML; docs/accelerators.md)");
            if (paired is not null) throw new UsageException("--accelerator and --paired exclude each other: a modelled accelerator's times are computed, not measured, so there is nothing to pair");
            if (targetError is not null) throw new UsageException("--accelerator and --target-error exclude each other: a modelled accelerator's times are exact, so each variant runs once");
            if (r.GetValue(_meter) is { } m && !m.Trim().Equals("none", StringComparison.OrdinalIgnoreCase)) throw new UsageException("--accelerator and --meter exclude each other: a modelled accelerator's energy comes from its model");
            iterations = 1;
            warmup = 0;
            meter = "none";
        }
        var measure = new MeasureSettings(iterations, targetError ?? MeasureSettings.DefaultTargetError, warmup,
            maxTime is double s ? TimeSpan.FromSeconds(s) : MeasureSettings.DefaultMaxTime, batch, MaxTimeCapsIterations: maxTime is not null);
        return new RunRequest(r.GetValue(_benchmark), variants, config?.FullName, index, measure, threads,
            outDir ?? RunRequest.DefaultOutDir, meter, r.GetValue(_quiet), paired, accelerator);
    }

    // Numbers on the command line are culture-invariant ("0.02" everywhere), whatever the machine's culture.
    private static double? InvariantDouble(ArgumentResult result)
    {
        string token = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)) return value;
        result.AddError($"{(result.Parent is OptionResult o ? o.Option.Name : "value")} needs a number like 0.02, got '{ConsoleText.Escape(token)}'");
        return null;
    }

    // A whole number in [min, max]; anything else (a fraction, NaN, a value past int's range) is one line saying what to give.
    private static Func<ArgumentResult, int?> WholeNumber(int min, int max, string advice) => result =>
    {
        string token = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        string name = result.Parent is OptionResult o ? o.Option.Name : "value";
        if (int.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value) && value >= min && value <= max)
        {
            return value;
        }
        string range = max == int.MaxValue ? $"{min} or more" : $"from {min} to {max}";
        result.AddError($"{name} must be a whole number {range}, got '{ConsoleText.Escape(token)}'; {advice}");
        return null;
    };

    private static string Format(double d) => d.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
