using System;

namespace Knobs.Predictors;

/// <summary>
/// A predictor cannot be fitted, read or used as asked. <see cref="Id"/> is the diagnostic (docs/diagnostics/) and the
/// message says what to do.
/// </summary>
public sealed class PredictorException : Exception
{
    /// <summary>KNB0601: no usable training data (no tables, tables of several devices, no op features).</summary>
    public const string NoTrainingData = Knobs.Diagnostics.PredictorDiagnosticIds.NoTrainingData;
    /// <summary>KNB0602: a predictor file that is not one, is damaged, or is of an unknown version.</summary>
    public const string BadFile = Knobs.Diagnostics.PredictorDiagnosticIds.BadFile;
    /// <summary>KNB0603: the predictor was fitted for another device.</summary>
    public const string OtherDevice = Knobs.Diagnostics.PredictorDiagnosticIds.OtherDevice;
    /// <summary>KNB0604: an op the predictor has no model for (an op method absent from its training tables).</summary>
    public const string MissingOp = Knobs.Diagnostics.PredictorDiagnosticIds.MissingOp;

    /// <summary>Creates the exception.</summary>
    public PredictorException(string id, string message) : base(message) => Id = id;

    /// <summary>The diagnostic id.</summary>
    public string Id { get; }

    /// <summary><c>error KNB06xx: message</c>.</summary>
    public override string ToString() => $"error {Id}: {Message}";
}
