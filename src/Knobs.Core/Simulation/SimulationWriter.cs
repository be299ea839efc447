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
/// (<see cref="RepeatedEnergyWarning"/>, KNB0256) and only the CSV says "not measured" (an empty field).
/// </summary>
public static class SimulationWriter
{
    /// <summary>The CSV header row.</summary>
    public const string CsvHeader = "configuration,index,time_ms,energy_j,speedup,energy_reduction,accuracy,accuracy_loss,unmeasured_conversions,provenance,predicted_accuracy_loss";

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

    /// <summary>
    /// The warning (KNB0256) to report with the file <see cref="Rewrite"/> writes when some configurations have no
    /// simulated energy reduction: their energy field repeats the input's, which is not a prediction. Null when every
    /// configuration has one.
    /// </summary>
    /// <remarks>
    /// It belongs to the written file, not to the simulation: HPVM's readers parse the energy field as a float, so the
    /// file cannot say "not measured" there and the warning is where people learn it.
    /// </remarks>
    public static ConfigurationDiagnostic? RepeatedEnergyWarning(ConfigurationFile file, SimulationResult result)
    {
        int unmeasured = 0, notNumbers = 0;
        foreach (ConfigurationPrediction p in result.Predictions)
        {
            if (p.EnergyReduction is not null) continue;
            unmeasured++;
            if (!IsHpvmNumber(p.Configuration.Energy)) notNumbers++;
        }
        if (unmeasured == 0) return null;
        string message = FormattableString.Invariant(
            $"energy was not measured for {unmeasured} configuration(s): their energy field in the simulated configuration file repeats this file's value, which is not a prediction (HPVM reads that field as a number); the simulated CSV leaves their energy empty");
        if (notNumbers > 0)
        {
            message += FormattableString.Invariant($". {notNumbers} of those fields are not numbers here, so HPVM cannot read those headers");
        }
        return new ConfigurationDiagnostic(DiagnosticIds.EnergyFieldRepeated, ConfigurationSeverity.Warning, message, file.Path, 0, 0);
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
              .Append(p.Prediction.UnmeasuredConversions.ToString(CultureInfo.InvariantCulture)).Append(',')
              .Append(p.Provenance).Append(',')
              .Append(p.PredictedAccuracyLoss is { } loss ? Number(loss) : "").Append('\n');
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
