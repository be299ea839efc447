namespace Knobs.Diagnostics;

/// <summary>Stable ids of the latency predictors' and genprof's diagnostics (KNB0600–KNB0699).</summary>
public static class PredictorDiagnosticIds
{
    /// <summary>No usable training data: no tables, tables of several devices, no op features.</summary>
    public const string NoTrainingData = "KNB0601";
    /// <summary>A predictor file cannot be read or written.</summary>
    public const string BadFile = "KNB0602";
    /// <summary>The predictor was fitted for another device.</summary>
    public const string OtherDevice = "KNB0603";
    /// <summary>The predictor has no model for an op.</summary>
    public const string MissingOp = "KNB0604";
    /// <summary>A search-space file is wrong.</summary>
    public const string SearchSpace = "KNB0605";
}
