namespace Knobs.Configurations;

/// <summary>
/// Shares one string instance for the tokens configuration files repeat millions of times (op and approx names,
/// devices, small integers), so reading a large file allocates little more than its configurations.
/// </summary>
internal static class Vocabulary
{
    private static readonly string[] Words =
    {
        "conv", "group_conv", "mul", "add", "tanh", "relu", "clipped_relu", "pool_max", "pool_mean", "pool_min", "batchnorm", "softmax",
        "fp32", "fp16", "perf", "perf_fp16", "samp", "samp_fp16", "red_samp", "gpu", "cpu", "1", "11", "12",
    };

    /// <summary>The substring <paramref name="line"/>[start..start+length], shared when it is a known word.</summary>
    public static string Text(string line, int start, int length)
    {
        foreach (string word in Words)
        {
            if (word.Length == length && string.CompareOrdinal(line, start, word, 0, length) == 0) return word;
        }
        return line.Substring(start, length);
    }
}
