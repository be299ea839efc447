using System.Collections.Immutable;
using Knobs.KnobTables;

namespace Knobs.Diagnostics;

/// <summary>Diagnostics of the latency predictors and genprof (KNB0600–KNB0699).</summary>
public static class PredictorDiagnosticCatalog
{
    private const KnobDiagnosticSeverity E = KnobDiagnosticSeverity.Error;

    /// <summary>KNB0601: no usable training data for a predictor.</summary>
    public static KnobsDiagnosticDescriptor NoTrainingData { get; } = new(PredictorDiagnosticIds.NoTrainingData, "No usable training data for a predictor", E, DiagnosticCategories.Predictors);

    /// <summary>KNB0602: a predictor file cannot be read or written.</summary>
    public static KnobsDiagnosticDescriptor BadFile { get; } = new(PredictorDiagnosticIds.BadFile, "A predictor file cannot be read or written", E, DiagnosticCategories.Predictors);

    /// <summary>KNB0603: the predictor was fitted for another device.</summary>
    public static KnobsDiagnosticDescriptor OtherDevice { get; } = new(PredictorDiagnosticIds.OtherDevice, "The predictor was fitted for another device", E, DiagnosticCategories.Predictors);

    /// <summary>KNB0604: the predictor has no model for an op.</summary>
    public static KnobsDiagnosticDescriptor MissingOp { get; } = new(PredictorDiagnosticIds.MissingOp, "The predictor has no model for an op", E, DiagnosticCategories.Predictors);

    /// <summary>KNB0605: a search-space file is wrong.</summary>
    public static KnobsDiagnosticDescriptor SearchSpace { get; } = new(PredictorDiagnosticIds.SearchSpace, "A search-space file is wrong", E, DiagnosticCategories.Predictors);

    /// <summary>Every descriptor of this catalog.</summary>
    public static ImmutableArray<KnobsDiagnosticDescriptor> All { get; } = ImmutableArray.Create(NoTrainingData, BadFile, OtherDevice, MissingOp, SearchSpace);
}
