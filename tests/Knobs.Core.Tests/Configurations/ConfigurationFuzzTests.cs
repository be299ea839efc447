using System;
using System.IO;
using System.Text;
using Knobs.Configurations;
using Knobs.Testing;

namespace Knobs.Core.Tests.Configurations;

public sealed class ConfigurationFuzzTests
{
    private static readonly string[] Noise = { " ", "  ", "\t", "\n", "\r\n", "+++++", "-----", "fp16", "cpu", "-1", "99999999999", "é", "\0", "NA", "1e309" };

    [Fact]
    public void MutatedHpvmFilesGiveDiagnosticsOrAFileNeverAnExceptionOrAHang()
    {
        string original = File.ReadAllText(Path.Combine(RepoPaths.HpvmData, "tuner_confs", "alexnet_cifar10.txt"));
        var random = new Random(20261121);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        for (int round = 0; round < 300; round++)
        {
            var text = new StringBuilder(original);
            int edits = 1 + random.Next(4);
            for (int e = 0; e < edits; e++)
            {
                int at = random.Next(text.Length);
                switch (random.Next(3))
                {
                    case 0:
                        text.Remove(at, Math.Min(text.Length - at, 1 + random.Next(20)));
                        break;
                    case 1:
                        text.Insert(at, Noise[random.Next(Noise.Length)]);
                        break;
                    default:
                        text.Length = at; // truncate
                        break;
                }
            }
            ConfigurationReadResult result = ConfigurationReader.Parse(text.ToString(), "fuzz.txt");
            Assert.True(result.HasErrors || result.File is not null);
            foreach (ConfigurationDiagnostic d in result.Diagnostics)
            {
                Assert.StartsWith("KNB02", d.Id);
                Assert.InRange(d.Line, 0, 1000);
            }
            if (result.File is { } file)
            {
                // Whatever parsed must write back to text that parses to the same text.
                string written = ConfigurationWriter.ToText(file);
                Assert.Equal(written, ConfigurationWriter.ToText(ConfigurationReader.Parse(written, "again.txt").File!));
            }
        }
        Assert.True(watch.Elapsed.TotalSeconds < 20, $"300 fuzzed files took {watch.Elapsed.TotalSeconds:F1} s");
    }
}
