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
/// configuration (docs/formats.md).
/// </summary>
public static class SimulationWriter
{
    /// <summary>The CSV header row.</summary>
    public const string CsvHeader = "configuration,index,time_ms,energy_j,speedup,energy_reduction,accuracy,accuracy_loss,unmeasured_conversions";

    /// <summary>The configuration file with simulated headers.</summary>
    /// <exception cref="InvalidOperationException">The simulation had errors.</exception>
    public static ConfigurationFile Rewrite(ConfigurationFile file, SimulationResult result, SimulationOptions? options = null)
    {
        options ??= new SimulationOptions();
        if (result.HasErrors || result.Baseline is not { } baseline)
        {
            throw new InvalidOperationException("the simulation has errors; there is nothing to write");
        }
        var configurations = new List<Configuration>(result.Predictions.Count);
        foreach (ConfigurationPrediction p in result.Predictions)
        {
            string energy = p.EnergyReduction is { } r ? Number(r)
                : options.KeepEnergyFieldWhenNotMeasured ? p.Configuration.Energy : "NA";
            configurations.Add(ConfigurationWriter.WithHeader(p.Configuration, Number(p.Speedup), energy));
        }
        return new ConfigurationFile(file.Path, Number(baseline.Time), configurations);
    }

    /// <summary>Writes the rewritten configuration file atomically.</summary>
    public static void WriteConfigurations(string path, ConfigurationFile file, SimulationResult result, SimulationOptions? options = null) =>
        ConfigurationWriter.Write(path, Rewrite(file, result, options));

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

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
