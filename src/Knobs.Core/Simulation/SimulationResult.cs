using System.Collections.Generic;
using System.Linq;
using Knobs.Configurations;

namespace Knobs.Simulation;

/// <summary>The simulation of one configuration.</summary>
public sealed class ConfigurationPrediction
{
    internal ConfigurationPrediction(Configuration configuration, Prediction prediction, double speedup, double? energyReduction,
        string provenance = Knobs.Profiles.Provenance.Measured)
    {
        Provenance = provenance;
        Configuration = configuration;
        Prediction = prediction;
        Speedup = speedup;
        EnergyReduction = energyReduction;
    }

    /// <summary>The configuration as read.</summary>
    public Configuration Configuration { get; }
    /// <summary>Predicted time and energy.</summary>
    public Prediction Prediction { get; }
    /// <summary>Baseline time / predicted time.</summary>
    public double Speedup { get; }
    /// <summary>Baseline energy / predicted energy, or null when energy was not measured.</summary>
    public double? EnergyReduction { get; }
    /// <summary>
    /// How the cells the prediction adds up were obtained: <c>measured</c>, <c>modelled</c>, <c>predicted</c>, or several
    /// joined by <c>+</c> (a configuration mixing a CPU and a modelled accelerator is <c>measured+modelled</c>).
    /// </summary>
    public string Provenance { get; }
    /// <summary>
    /// Predicted accuracy loss (percentage points) by ApproxTuner's additive model: the sum, over the nodes, of the loss the
    /// node's knob caused with only that node approximated (the table's per-node accuracy, <c>qos.nodes</c>). Null when
    /// a knob the configuration uses has no per-node accuracy (no labelled inputs).
    /// </summary>
    public double? PredictedAccuracyLoss { get; init; }

    /// <summary>
    /// The accuracy loss the output model predicts: the reference's class scores on the labelled inputs
    /// (<c>qos.labelled</c>) plus each approximated node's change to them (<c>qos.nodes[].scores</c>), scored against the
    /// labels. Null when the table does not hold those scores for every node the configuration approximates.
    /// </summary>
    public double? OutputModelAccuracyLoss { get; init; }
}

/// <summary>The simulation of a configuration file against a lookup table.</summary>
public sealed class SimulationResult
{
    internal SimulationResult(string benchmark, string baselineKnob, Prediction? baseline, IReadOnlyList<ConfigurationPrediction> predictions,
        IReadOnlyList<ConfigurationDiagnostic> diagnostics)
    {
        Benchmark = benchmark;
        BaselineKnob = baselineKnob;
        Baseline = baseline;
        Predictions = predictions;
        Diagnostics = diagnostics;
    }

    /// <summary>The table's benchmark.</summary>
    public string Benchmark { get; }
    /// <summary>The baseline knob key.</summary>
    public string BaselineKnob { get; }
    /// <summary>The baseline's predicted cost; null when it could not be resolved.</summary>
    public Prediction? Baseline { get; }
    /// <summary>One prediction per configuration, in file order; empty when there were errors.</summary>
    public IReadOnlyList<ConfigurationPrediction> Predictions { get; }
    /// <summary>Errors and warnings.</summary>
    public IReadOnlyList<ConfigurationDiagnostic> Diagnostics { get; }
    /// <summary>True when any diagnostic is an error.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.IsError);
}
