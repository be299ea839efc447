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
    /// Predicted accuracy loss (percentage points), by the model <see cref="AccuracyModel"/> names: the output model where
    /// the table holds the class scores it needs (<c>qos.labelled</c> and every used node's <c>qos.nodes[].scores</c>),
    /// else the additive model (<see cref="AdditiveAccuracyLoss"/>). Null when a knob the configuration uses has no
    /// per-node accuracy (no labelled inputs).
    /// </summary>
    public double? PredictedAccuracyLoss { get; init; }

    /// <summary><see cref="AccuracyModels.Outputs"/> or <see cref="AccuracyModels.Additive"/>; null when no loss is predicted.</summary>
    public string? AccuracyModel { get; init; }

    /// <summary>
    /// ApproxTuner's additive prediction of the accuracy loss: the sum, over the nodes, of the loss the node's knob caused
    /// with only that node approximated (<c>qos.nodes[].accuracyLoss</c>). Null without per-node accuracy.
    /// </summary>
    public double? AdditiveAccuracyLoss { get; init; }
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
