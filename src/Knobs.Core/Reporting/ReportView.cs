using System.Collections.Generic;

namespace Knobs.Reporting;

// The data the Scriban template sees (copied into script objects by ReportScriptModel). Every number is already text
// (culture-invariant); SVG is pre-rendered and marked [RawHtml], the only values the template writes unescaped.
// Property names are the template's vocabulary: renaming one breaks user templates, so treat them as public API.

/// <summary>The whole page.</summary>
public sealed class ReportView
{
    /// <summary>Page title.</summary>
    public string Title { get; set; } = "";
    /// <summary>Knobs version that rendered the page.</summary>
    public string KnobsVersion { get; set; } = "";
    /// <summary>One section per benchmark.</summary>
    public List<BenchmarkView> Benchmarks { get; } = new();
}

/// <summary>One benchmark's section.</summary>
public sealed class BenchmarkView
{
    /// <summary>Benchmark name.</summary>
    public string Name { get; set; } = "";
    /// <summary>The baseline knob speedups are against.</summary>
    public string Baseline { get; set; } = "";
    /// <summary>Heat map of node × knob speedup (inline SVG).</summary>
    [RawHtml]
    public string HeatMapSvg { get; set; } = "";
    /// <summary>Speedup-vs-QoS-loss scatter (inline SVG).</summary>
    [RawHtml]
    public string ScatterSvg { get; set; } = "";
    /// <summary>Measurement environment as name/value rows.</summary>
    public List<NameValue> Environment { get; } = new();
    /// <summary>Knob column keys.</summary>
    public List<string> Knobs { get; } = new();
    /// <summary>Heat map numbers: per node, one speedup per knob.</summary>
    public List<ValuesRow> HeatRows { get; } = new();
    /// <summary>Mean time per call (ms) per node/op, one value per knob, then f2h and h2f.</summary>
    public List<ValuesRow> OpTimes { get; } = new();
    /// <summary>Scatter numbers.</summary>
    public List<PointRow> Points { get; } = new();
    /// <summary>Per knob, its QoS against the fp32 reference and its accuracy on the labelled inputs.</summary>
    public List<KnobQosRow> KnobQos { get; } = new();
    /// <summary>Simulated configurations.</summary>
    public List<ConfigurationRow> Configurations { get; } = new();
    /// <summary>True when configurations were simulated.</summary>
    public bool HasConfigurations => Configurations.Count > 0;
    /// <summary>Predicted vs measured rows.</summary>
    public List<ValidationRowView> Validation { get; } = new();
    /// <summary>True when there is a validation.</summary>
    public bool HasValidation => Validation.Count > 0;
    /// <summary>Validation error distribution in words.</summary>
    public string ValidationSummary { get; set; } = "";
    /// <summary>Things the reader must know (energy not measured, warnings).</summary>
    public List<string> Notes { get; } = new();

    /// <summary>The device the table's numbers are for (<c>cpu</c>, <c>gpu</c>, <c>accel:&lt;name&gt;</c>), and its properties.</summary>
    public List<NameValue> Device { get; } = new();

    /// <summary>For a modelled accelerator: each op's modelled cost under the baseline knob.</summary>
    public List<ModelledOpRow> ModelledOps { get; } = new();

    /// <summary>For a modelled accelerator: modelled cycles per call of every op under every knob.</summary>
    public List<ValuesRow> ModelledCycles { get; } = new();

    /// <summary>True when the table holds modelled numbers (a modelled accelerator).</summary>
    public bool HasModelled => ModelledOps.Count > 0;
}

/// <summary>A name and a value.</summary>
public sealed class NameValue
{
    /// <summary>Name.</summary>
    public string Name { get; set; } = "";
    /// <summary>Value.</summary>
    public string Value { get; set; } = "";
}

/// <summary>A labelled row of values.</summary>
public sealed class ValuesRow
{
    /// <summary>Row label (node, or node and op).</summary>
    public string Label { get; set; } = "";
    /// <summary>Second label (op), or empty.</summary>
    public string Op { get; set; } = "";
    /// <summary>Values in column order.</summary>
    public List<string> Values { get; } = new();
}

/// <summary>One scatter point as a table row.</summary>
public sealed class PointRow
{
    /// <summary><c>knob</c> or <c>configuration</c>.</summary>
    public string Kind { get; set; } = "";
    /// <summary>Knob key or configuration name.</summary>
    public string Label { get; set; } = "";
    /// <summary>Speedup (×).</summary>
    public string Speedup { get; set; } = "";
    /// <summary>QoS loss (%).</summary>
    public string Loss { get; set; } = "";
    /// <summary>True on the Pareto front of its series.</summary>
    public bool Pareto { get; set; }
}

/// <summary>One knob's QoS; a value not recorded is "—", an accuracy not measured is "not measured".</summary>
public sealed class KnobQosRow
{
    /// <summary>Knob column key.</summary>
    public string Knob { get; set; } = "";
    /// <summary>Relative L2 error of the output against the reference.</summary>
    public string RelL2 { get; set; } = "";
    /// <summary>Fraction of inputs whose top-1 class agrees with the reference.</summary>
    public string Top1 { get; set; } = "";
    /// <summary>Top-1 accuracy on the labelled inputs (%).</summary>
    public string Accuracy { get; set; } = "";
    /// <summary>Reference accuracy minus this knob's (percentage points).</summary>
    public string AccuracyLoss { get; set; } = "";
}

/// <summary>One simulated configuration.</summary>
public sealed class ConfigurationRow
{
    /// <summary>Name.</summary>
    public string Name { get; set; } = "";
    /// <summary>Predicted time (ms).</summary>
    public string Time { get; set; } = "";
    /// <summary>Predicted speedup.</summary>
    public string Speedup { get; set; } = "";
    /// <summary>Predicted energy reduction, or "not measured".</summary>
    public string EnergyReduction { get; set; } = "";
    /// <summary>Accuracy loss from the file (%).</summary>
    public string AccuracyLoss { get; set; } = "";
    /// <summary>Precision changes with unmeasured conversion cost.</summary>
    public string UnmeasuredConversions { get; set; } = "";
    /// <summary>How the numbers the prediction adds up were obtained (<c>measured</c>, <c>modelled</c>, …).</summary>
    public string Provenance { get; set; } = "";
}

/// <summary>One op's modelled cost on an accelerator.</summary>
public sealed class ModelledOpRow
{
    /// <summary>Node id.</summary>
    public string Node { get; set; } = "";
    /// <summary>Op kind.</summary>
    public string Op { get; set; } = "";
    /// <summary>Where it ran on the accelerator (<c>systolic</c>, <c>smv</c>, <c>vector</c>, a custom model's name).</summary>
    public string Engine { get; set; } = "";
    /// <summary>Cycles per call.</summary>
    public string Cycles { get; set; } = "";
    /// <summary>Cycles stalled on memory.</summary>
    public string StallCycles { get; set; } = "";
    /// <summary>Utilisation of the engine, %.</summary>
    public string Utilisation { get; set; } = "";
    /// <summary>Multiply-accumulates.</summary>
    public string Macs { get; set; } = "";
    /// <summary>DRAM bytes read and written.</summary>
    public string DramBytes { get; set; } = "";
    /// <summary>Energy per call, µJ.</summary>
    public string EnergyMicrojoules { get; set; } = "";
}

/// <summary>One validation row.</summary>
public sealed class ValidationRowView
{
    /// <summary>Configuration name.</summary>
    public string Name { get; set; } = "";
    /// <summary>Predicted speedup.</summary>
    public string Predicted { get; set; } = "";
    /// <summary>Measured speedup.</summary>
    public string Measured { get; set; } = "";
    /// <summary>Relative error (%).</summary>
    public string Error { get; set; } = "";
}
