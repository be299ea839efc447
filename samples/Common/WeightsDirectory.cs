using System;
using System.IO;

namespace Knobs.Samples;

/// <summary>
/// Where real HPVM weights live, when the user has them. <c>KNOBS_WEIGHTS_DIR</c> (environment) wins over
/// the <c>KnobsWeightsDir</c> build property (baked into the app's runtimeconfig as
/// <c>Knobs.Samples.WeightsDir</c>). The folder may be HPVM's <c>model_params/</c> (holding one
/// sub-folder per network) or a network's own folder.
/// </summary>
public static class WeightsDirectory
{
    /// <summary>The environment variable that points to real weights.</summary>
    public const string EnvironmentVariable = "KNOBS_WEIGHTS_DIR";

    /// <summary>The runtimeconfig key the <c>KnobsWeightsDir</c> build property sets.</summary>
    public const string RuntimeConfigKey = "Knobs.Samples.WeightsDir";

    /// <summary>The folder to load <paramref name="network"/>'s weights from, or null for seeded weights.</summary>
    public static string? Resolve(string network)
    {
        string? root = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(root)) root = AppContext.GetData(RuntimeConfigKey) as string;
        if (string.IsNullOrWhiteSpace(root)) return null;
        string perNetwork = Path.Combine(root, network);
        return Directory.Exists(perNetwork) ? perNetwork : root;
    }

    /// <summary>The one-line fix printed under a weight-loading error.</summary>
    public static string Hint(string network) =>
        $"Point {EnvironmentVariable} (or the KnobsWeightsDir property) at HPVM's model_params/ folder or at model_params/{network}/, " +
        $"or unset it to run with seeded weights.";
}
