using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Knobs.Profiles;
using Knobs.Runtime.Cli;
using Knobs.Runtime.Energy;
using Knobs.Runtime.Probing;
using Knobs.Accelerators.Modelling;
using Knobs.Runtime.Measurement;
using Knobs.Runtime.Modelling;
using Knobs.Runtime.Profiles;
using Knobs.Runtime.Qos;
using Knobs.Tensors;
using Knobs.Tensors.Backends;

namespace Knobs.Runtime.Running;

/// <summary>
/// <c>app run</c>: resolves what to measure (every name is checked before anything runs), measures each target,
/// compares its output with the fp32 reference, writes its profile atomically and prints a summary. A target that
/// throws is reported and the others still run.
/// </summary>
internal sealed class RunCommand
{
    private readonly IBenchmarkRegistry _registry;
    private readonly RunRequest _request;
    private readonly TextWriter _output;
    private readonly TextWriter _error;
    private readonly Action<string, byte[]> _writeFile;
    private bool _writeFailed;

    public RunCommand(IBenchmarkRegistry registry, RunRequest request, TextWriter output, TextWriter error,
        Action<string, byte[]>? writeFile = null)
    {
        _registry = registry;
        _request = request;
        _output = output;
        _error = error;
        _writeFile = writeFile ?? AtomicFile.WriteAllBytes;
    }

    private ProfileDevice? _device;

    // With --accelerator: what turns each measured profile into the accelerator's modelled one.
    private AcceleratorModeller? _modeller;

    public int Execute()
    {
        IReadOnlyList<RunTarget> targets = TargetSelector.Select(_registry, _request);
        _modeller = _request.Accelerator is { } description ? AcceleratorSetup.Create(description, _registry.GetType().Assembly) : null;
        IReadOnlyList<string> paths = ProfilePaths.Resolve(_request.OutDir, targets);
        IBackend backend = ResolveBackend(() => Backend.Current);
        using IEnergyMeter meter = CreateMeter(backend);
        // Last of the checks, as it creates the folder: a profile that cannot be written is known before any measuring.
        ProfilePaths.CheckWritable(_request.OutDir);
        if (_request.Threads is int threads) backend.Threads = threads;
        ProfileEnvironment environment = EnvironmentProbe.Collect(backend, meter.Name, _registry.GetType().Assembly);
        _device = backend is IDeviceDescription described
            ? new ProfileDevice(described.Kind, described.Model, described.DescribeDevice())
            : EnvironmentProbe.CpuDevice(environment);
        Progress($"{environment.Describe()}; {meter.Description}");
        if (_modeller is not null) Progress($"modelled accelerator {_modeller.Accelerator.DeviceKind} ({_modeller.Accelerator.Source}): each variant runs once on the CPU for its op features and QoS; times and energies are modelled");
        var measurer = new VariantMeasurer(_request.Measure, meter, Progress);
        var references = new Dictionary<string, (ReferenceOutput? Output, string? Note)>(StringComparer.Ordinal);
        var results = new List<RunResult>();
        for (int i = 0; i < targets.Count && !_writeFailed; i++)
        {
            RunTarget target = targets[i];
            if (!references.TryGetValue(target.Benchmark.Name, out var reference))
            {
                reference = ComputeReference(target.Benchmark);
                references[target.Benchmark.Name] = reference;
            }
            results.Add(RunOne(target, paths[i], measurer, backend, environment, reference));
        }
        RunSummary.Print(_output, results, meter, _request.Measure.TargetError);
        return _writeFailed ? Runner.ExitOutputFailed
            : results.Any(r => r.Error is not null) ? Runner.ExitFailures
            : Runner.ExitSuccess;
    }

    /// <summary>
    /// The tensor backend for this run. A bad <c>KNOBS_BACKEND</c> value is a usage mistake like a bad argument:
    /// one line naming the valid backends, exit code 2, nothing run or written.
    /// </summary>
    internal static IBackend ResolveBackend(Func<IBackend> current)
    {
        try
        {
            return current();
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }
        catch (Exception e) when (e is Knobs.Cuda.Native.CudaLibraryNotFoundException or Knobs.Cuda.CudaException)
        {
            throw new UsageException($"The {Knobs.Cuda.CudaBackend.BackendName} backend cannot start here: {e.Message.ReplaceLineEndings(" ")} (unset {Backend.EnvironmentVariable} to run on the CPU)");
        }
    }

    private RunResult RunOne(RunTarget target, string path, VariantMeasurer measurer, IBackend backend, ProfileEnvironment environment,
        (ReferenceOutput? Output, string? Note) reference)
    {
        Progress($"{target.Benchmark.Name} {target.VariantName}:");
        DateTimeOffset started = DateTimeOffset.UtcNow;
        Profile profile;
        byte[] bytes;
        string? qosNote;
        try
        {
            BenchmarkVariant variant = target.Create();
            Tensor input = variant.Input(_request.Measure.Batch);
            // --paired: the baseline is another variant of the same generated Run, measured interleaved with the target.
            PairedMeasurement? pair = _request.Paired is { } pairedName
                ? measurer.MeasurePaired(variant, target.Benchmark.CreateVariant(pairedName), input)
                : null;
            VariantMeasurement m = pair?.Variant ?? measurer.Measure(variant, input);
            // A knob variant's QoS also holds its accuracy per node (a configuration has no knob of its own: none).
            (QosRecord? qos, qosNote, string? accuracyNote) = CompareWithReference(variant, reference, target.Benchmark);
            if (qosNote is not null) _error.WriteLine(RuntimeDiagnostics.Warning(RuntimeDiagnostics.QosNotComputed, $"{target.Benchmark.Name} {target.VariantName}: QoS not computed: {qosNote}"));
            if (accuracyNote is not null) _error.WriteLine(RuntimeDiagnostics.Warning(RuntimeDiagnostics.QosNotComputed, $"{target.Benchmark.Name} {target.VariantName}: accuracy not measured: {accuracyNote}"));
            MeasureSettings s = _request.Measure;
            var settings = new ProfileSettings(
                m.Ops.Any(o => o.Calls > 0) ? "PerTensor" : "Total",
                s.Iterations, s.TargetError, s.Warmup, s.MaxTime.TotalSeconds, s.Batch, backend.Threads, backend.Name);
            profile = ProfileBuilder.Build(target, m, settings, environment, qos, started, s.TargetError, _device);
            if (pair is not null)
            {
                profile = WithPaired(profile, Paired(_request.Paired!, pair, s.TargetError));
                if (pair.Spell is { } spell)
                {
                    _error.WriteLine(RuntimeDiagnostics.Warning(RuntimeDiagnostics.MeasuredInSpell, FormattableString.Invariant(
                        $"{target.Benchmark.Name} {target.VariantName}: all {VariantMeasurer.MaxSpellAttempts} measurements ran in a spell of the machine ({spell}); the steadiest is kept and marked, and the next ProfileTable measures it again")));
                }
            }
            if (_modeller is not null)
            {
                profile = _modeller.ModelProfile(profile);
                Progress(FormattableString.Invariant($"  modelled on {_modeller.Accelerator.DeviceKind}: {profile.Summary.Time.Mean:0.######} ms, {profile.Summary.Energy * 1e3:0.######} mJ per run"));
            }
            else WarnAboutQuality(target, m, profile.Summary.Paired?.Speedup ?? profile.Summary.Time, s, profile.Summary.Paired is not null);
            bytes = ProfileWriter.ToBytes(profile);
        }
        catch (Exception e)
        {
            if (e is AcceleratorModelException model)
            {
                // Not a crash: the op cannot be modelled, and the diagnostic says what to do.
                _error.WriteLine(RuntimeDiagnostics.Error(model.Id, $"{target.Benchmark.Name} {target.VariantName}: {model.Message}"));
            }
            else
            {
                _error.WriteLine(RuntimeDiagnostics.Error(RuntimeDiagnostics.VariantFailed, $"{target.Benchmark.Name} {target.VariantName} failed: {Describe(e)}"));
                // The stack trace is code locations, not input: printed as it is, under the one-line diagnostic.
                if (e.StackTrace is { } stack) _error.WriteLine(stack);
            }
            // A profile left from an earlier run would look like this run's result.
            try
            {
                if (File.Exists(path)) File.Delete(path);
            }
            catch (Exception deleteError) when (deleteError is IOException or UnauthorizedAccessException)
            {
                _error.WriteLine(RuntimeDiagnostics.Error(RuntimeDiagnostics.VariantFailed, $"{path} is stale (from an earlier run) and could not be deleted: {deleteError.Message}"));
            }
            return new RunResult(target.Benchmark.Name, target.VariantName, null, null, $"{e.GetType().Name}: {e.Message}", null);
        }
        return Write(target, path, profile, bytes, qosNote);
    }

    private PairedBaseline Paired(string baseline, PairedMeasurement pair, double targetError)
    {
        var paired = new PairedBaseline(baseline, PairedBaseline.AbbaOrder, ProfileBuilder.Statistics(pair.BaselineTimes, targetError),
            ProfileBuilder.Statistics(pair.Speedups, targetError), pair.Spell, pair.Discarded);
        if (pair.Discarded.Count > 0 && pair.Spell is null)
        {
            Progress(FormattableString.Invariant($"  measured again after {pair.Discarded.Count} measurement(s) in a spell of the machine; the kept one is steady"));
        }
        Progress(FormattableString.Invariant(
            $"  paired with {baseline}: speedup {paired.Speedup.Mean:0.000}x ± {paired.Speedup.CiHalfWidth:0.000} (99.9% CI; median {paired.Speedup.Median:0.000}x) over {pair.Speedups.Count} ABBA pairs; {baseline} {paired.Time.Mean:0.###} ms"));
        return paired;
    }

    private static Profile WithPaired(Profile profile, PairedBaseline paired)
    {
        SummaryRecord s = profile.Summary;
        return new Profile(profile.Header, profile.Ops, profile.Qos, new SummaryRecord(s.Time, s.Energy, s.Iterations, s.Failed, s.Error, paired));
    }

    private static string Describe(Exception e) =>
        $"{e.GetType().FullName}: {e.Message}" + (e.InnerException is { } inner ? " ---> " + Describe(inner) : "");

    // A failed write (full disk, folder removed) must not cost the profile an earlier run left at the path: nothing
    // here deletes or truncates it, the file is replaced only by a complete new one, and the run stops.
    private RunResult Write(RunTarget target, string path, Profile profile, byte[] bytes, string? qosNote)
    {
        try
        {
            _writeFile(path, bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _writeFailed = true;
            string kept = File.Exists(path) ? "the profile an earlier run left there is kept" : "no profile is there";
            _error.WriteLine(RuntimeDiagnostics.Error(RuntimeDiagnostics.ProfileNotWritten,
                $"{target.Benchmark.Name} {target.VariantName}: cannot write {path}: {e.Message}; {kept}; the run stops here (free space or fix --out, then run again)"));
            return new RunResult(target.Benchmark.Name, target.VariantName, null, null, $"profile not written: {e.Message}", qosNote);
        }
        Progress($"  wrote {path}");
        return new RunResult(target.Benchmark.Name, target.VariantName, profile, path, null, qosNote);
    }

    // time: the statistics the stopping rule watched: the run time, or with --paired the per-pair speedup.
    private void WarnAboutQuality(RunTarget target, VariantMeasurement m, ProfileStatistics time, MeasureSettings s, bool paired = false)
    {
        string who = $"{target.Benchmark.Name} {target.VariantName}";
        if (time.Noisy)
        {
            string error = time.Mean > 0 ? (time.CiHalfWidth / time.Mean).ToString("0.0%", CultureInfo.InvariantCulture) : "undefined";
            _error.WriteLine(RuntimeDiagnostics.Warning(RuntimeDiagnostics.NoisyMeasurement,
                $"{who}: the 99.9% CI of the {(paired ? "paired speedup" : "run time")} is ±{error} of the mean, above the {s.TargetError.ToString("0.##%", CultureInfo.InvariantCulture)} target " +
                $"(stopped: {m.Stop} after {m.RunTimes.Count} iterations); the profile is flagged noisy. Raise --max-time, or run on a quieter machine"));
        }
        if (m.WarmupSteady == false)
        {
            _error.WriteLine(RuntimeDiagnostics.Warning(RuntimeDiagnostics.WarmupNotSteady,
                $"{who}: warm-up reached its cap ({m.WarmupIterations} iterations) before the run time was steady; early iterations may be slower"));
        }
        if (m.JitDuringMeasurement > 0)
        {
            _error.WriteLine(RuntimeDiagnostics.Warning(RuntimeDiagnostics.WarmupNotSteady,
                $"{who}: the JIT compiled {m.JitDuringMeasurement} method(s) while measuring; use automatic warm-up (no --warmup) or a larger --warmup"));
        }
    }

    private static (QosRecord? Qos, string? Note, string? AccuracyNote) CompareWithReference(BenchmarkVariant variant, (ReferenceOutput? Output, string? Note) reference,
        BenchmarkDescriptor? perNode)
    {
        if (reference.Output is null) return (null, reference.Note, null);
        try
        {
            QosRecord qos = reference.Output.Compare(variant, out string? accuracyNote, perNode);
            return (qos, null, accuracyNote);
        }
        catch (ArgumentException e)
        {
            return (null, e.Message, null);
        }
    }

    private (ReferenceOutput? Output, string? Note) ComputeReference(BenchmarkDescriptor benchmark)
    {
        string? name = RunTarget.FindReference(benchmark);
        if (name is null) return (null, "the benchmark has no fp32 variant to compare with");
        BenchmarkVariant variant;
        ReferenceOutput output;
        try
        {
            variant = benchmark.CreateVariant(name);
            output = ReferenceOutput.Compute(variant, _request.Measure.Batch, benchmark.Classifier);
        }
        catch (Exception e)
        {
            _error.WriteLine(RuntimeDiagnostics.Warning(RuntimeDiagnostics.QosNotComputed, $"{benchmark.Name}: the reference variant {name} failed, so no QoS: {e.GetType().Name}: {e.Message}"));
            return (null, $"the reference variant {name} failed");
        }
        return (WithAccuracy(benchmark, variant, output), null);
    }

    /// <summary>
    /// Reads the benchmark's labelled inputs and measures the reference variant's accuracy on them, once per benchmark.
    /// Without labelled inputs, or when they cannot be used, accuracy is not measured (a warning says why); the other QoS
    /// numbers are unaffected.
    /// </summary>
    private ReferenceOutput WithAccuracy(BenchmarkDescriptor benchmark, BenchmarkVariant reference, ReferenceOutput output)
    {
        if (benchmark.Labelled is not { } labelled) return output;
        void Warn(string why) => _error.WriteLine(RuntimeDiagnostics.Warning(RuntimeDiagnostics.QosNotComputed, $"{benchmark.Name}: accuracy not measured: {why}"));
        if (!benchmark.Classifier)
        {
            Warn("the benchmark has labelled inputs but is not a classifier ([KnobBenchmark(Classifier = false)])");
            return output;
        }
        try
        {
            var accuracy = new LabelledAccuracy(labelled(), _request.Measure.Batch);
            ReferenceOutput withAccuracy = output.WithAccuracy(accuracy, reference);
            Progress(FormattableString.Invariant($"{benchmark.Name}: {accuracy.Count} labelled inputs; {reference.Name} accuracy {withAccuracy.BaselineAccuracy:0.##} %"));
            return withAccuracy;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Warn($"{e.GetType().Name}: {e.Message}");
            return output;
        }
    }

    private IEnergyMeter CreateMeter(IBackend backend)
    {
        try
        {
            return EnergyMeters.Create(_request.Meter, backend);
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }
        catch (Exception e) when (e is Knobs.Cuda.CudaException or Knobs.Cuda.Native.CudaLibraryNotFoundException)
        {
            throw new UsageException($"--meter nvml cannot read this GPU: {e.Message.ReplaceLineEndings(" ")} (use --meter auto or none)");
        }
        catch (RaplUnavailableException e)
        {
            throw new UsageException($"--meter rapl cannot measure here: {e.Message} (use --meter auto or none)");
        }
    }

    private void Progress(string line)
    {
        if (!_request.Quiet) _output.WriteLine(ConsoleText.Escape(line));
    }
}
