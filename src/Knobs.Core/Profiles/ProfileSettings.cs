namespace Knobs.Profiles;

/// <summary>The measurement settings of a run (the header's <c>settings</c> object).</summary>
public sealed class ProfileSettings
{
    /// <summary>Creates a settings record.</summary>
    public ProfileSettings(string profiling, int? iterations, double? targetError, int? warmup, double? maxTimeS,
        int batch, int threads, string backend)
    {
        Profiling = profiling;
        Iterations = iterations;
        TargetError = targetError;
        Warmup = warmup;
        MaxTimeS = maxTimeS;
        Batch = batch;
        Threads = threads;
        Backend = backend;
    }

    /// <summary><c>PerTensor</c> or <c>Total</c>.</summary>
    public string Profiling { get; }
    /// <summary>Fixed iteration count, or null when measuring to a target error.</summary>
    public int? Iterations { get; }
    /// <summary>Target relative error of the mean, or null with fixed iterations.</summary>
    public double? TargetError { get; }
    /// <summary>Fixed warm-up count, or null for automatic warm-up.</summary>
    public int? Warmup { get; }
    /// <summary>Time cap per variant in seconds, or null.</summary>
    public double? MaxTimeS { get; }
    /// <summary>Batch size of the input.</summary>
    public int Batch { get; }
    /// <summary>Threads requested.</summary>
    public int Threads { get; }
    /// <summary>Tensor backend requested.</summary>
    public string Backend { get; }

    /// <summary>The settings that change what a time means (profiling mode, batch, threads, backend).</summary>
    public string ComparisonKey => string.Join("|", new[]
    {
        Profiling, Batch.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Threads.ToString(System.Globalization.CultureInfo.InvariantCulture), Backend,
    });
}
