using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Knobs.Configurations;
using Knobs.Profiles;

namespace Knobs.Simulation;

/// <summary>
/// Writes simulation results: the configuration file with simulated speedup and energy reduction in every header
/// (other header fields kept; the first line becomes the simulated baseline time in ms), and a CSV with one row per
/// configuration (docs/formats.md). The configuration file stays readable by HPVM, whose readers parse every header
/// field after the name as a float: where energy was not measured the header repeats the input's energy field
/// (the simulator warns, KNB0256) and only the CSV says "not measured" (an empty field).
/// </summary>
public static class SimulationWriter
{
    /// <summary>The CSV header row.</summary>
    public const string CsvHeader = "configuration,index,time_ms,energy_j,speedup,energy_reduction,accuracy,accuracy_loss,unmeasured_conversions";

    /// <summary>The configuration file with simulated headers.</summary>
    /// <exception cref="InvalidOperationException">The simulation had errors.</exception>
    public static ConfigurationFile Rewrite(ConfigurationFile file, SimulationResult result)
    {
        if (result.HasErrors || result.Baseline is not { } baseline)
        {
            throw new InvalidOperationException("the simulation has errors; there is nothing to write");
        }
        var configurations = new List<Configuration>(result.Predictions.Count);
        foreach (ConfigurationPrediction p in result.Predictions)
        {
            string energy = p.EnergyReduction is { } r ? Number(r) : p.Configuration.Energy;
            configurations.Add(ConfigurationWriter.WithHeader(p.Configuration, Number(p.Speedup), energy));
        }
        return new ConfigurationFile(file.Path, Number(baseline.Time), configurations);
    }

    /// <summary>Writes the rewritten configuration file atomically.</summary>
    public static void WriteConfigurations(string path, ConfigurationFile file, SimulationResult result) =>
        ConfigurationWriter.Write(path, Rewrite(file, result));

    /// <summary>The CSV text: one row per configuration; empty fields where energy was not measured.</summary>
    public static string ToCsv(SimulationResult result)
    {
        var sb = new StringBuilder(CsvHeader).Append('\n');
        foreach (ConfigurationPrediction p in result.Predictions)
        {
            Configuration c = p.Configuration;
            sb.Append(Tables.TableText.Csv(c.Name)).Append(',').Append(c.Index.ToString(CultureInfo.InvariantCulture)).Append(',')
              .Append(Number(p.Prediction.Time)).Append(',')
              .Append(p.Prediction.Energy is { } e ? Number(e) : "").Append(',')
              .Append(Number(p.Speedup)).Append(',')
              .Append(p.EnergyReduction is { } r ? Number(r) : "").Append(',')
              .Append(Tables.TableText.Csv(c.Accuracy)).Append(',').Append(Tables.TableText.Csv(c.AccuracyLoss)).Append(',')
              .Append(p.Prediction.UnmeasuredConversions.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>Writes the CSV atomically.</summary>
    public static void WriteCsv(string path, SimulationResult result) => AtomicFile.WriteAllText(path, ToCsv(result));

    /// <summary>
    /// Whether HPVM's readers take <paramref name="field"/> as a header number (Python's <c>float()</c>): a finite
    /// invariant-culture decimal or exponent form. <c>NA</c>, which older Knobs versions wrote, is not one.
    /// </summary>
    public static bool IsHpvmNumber(string field) =>
        double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && !double.IsNaN(v) && !double.IsInfinity(v);

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
