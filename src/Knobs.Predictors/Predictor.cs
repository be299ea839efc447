using System;
using System.Collections.Generic;
using System.Linq;
using Knobs.Profiles;

namespace Knobs.Predictors;

/// <summary>
/// The model of one op family (one op method): a roofline prior times <c>exp</c> of a tree ensemble fitted on
/// <c>ln(measured / prior)</c>, with the box of feature values it was fitted on.
/// </summary>
public sealed class FamilyModel
{
    /// <summary>Creates a family model.</summary>
    public FamilyModel(string op, RooflinePrior prior, TreeEnsemble trees, int samples, float[] low, float[] high)
    {
        if (low.Length != OpFeatureVector.Names.Count || high.Length != OpFeatureVector.Names.Count)
            throw new ArgumentException($"a family's box has {OpFeatureVector.Names.Count} bounds per side");
        Op = op;
        Prior = prior;
        Trees = trees;
        Samples = samples;
        Low = low;
        High = high;
    }

    /// <summary>The op method.</summary>
    public string Op { get; }
    /// <summary>The analytic prior.</summary>
    public RooflinePrior Prior { get; }
    /// <summary>The trees that correct it (in log space); empty when the family had too few samples for trees.</summary>
    public TreeEnsemble Trees { get; }
    /// <summary>Distinct measured ops it was fitted on.</summary>
    public int Samples { get; }
    /// <summary>Smallest value of each feature among them.</summary>
    public IReadOnlyList<float> Low { get; }
    /// <summary>Largest value of each feature among them.</summary>
    public IReadOnlyList<float> High { get; }

    /// <summary>Predicted ms per call.</summary>
    public OpPrediction Predict(OpFeatureRecord f, ProfileDevice? device)
    {
        float[] x = OpFeatureVector.Of(f, device);
        double prior = Prior.Time(f);
        double time = prior * Math.Exp(Trees.Evaluate(x));
        var outside = new List<string>();
        for (int i = 0; i < x.Length; i++) if (x[i] < Low[i] || x[i] > High[i]) outside.Add(OpFeatureVector.Names[i]);
        return new OpPrediction(Op, time, prior, outside);
    }
}

/// <summary>A predicted op time (ms per call), the prior's share of it, and the features outside the fitted box.</summary>
public sealed record OpPrediction(string Op, double Time, double Prior, IReadOnlyList<string> OutsideBox)
{
    /// <summary>Whether every feature lies within the values the family was fitted on.</summary>
    public bool InsideBox => OutsideBox.Count == 0;
}

/// <summary>
/// Precision conversions (<c>f2h</c>, <c>h2f</c>) modelled as <c>fixed + per element · elements</c> (ms), fitted on the
/// measured ones.
/// </summary>
public sealed record ConversionModel(string Kind, double FixedMs, double MsPerMegaElement, int Samples)
{
    /// <summary>Predicted ms for converting <paramref name="elements"/> values.</summary>
    public double Time(long elements) => FixedMs + elements / 1e6 * MsPerMegaElement;
}

/// <summary>
/// How a whole run relates to its ops: <c>run time = scale · Σ op times + per op · op calls</c>, fitted on the training
/// tables' measured runs (the gap is the time a run spends between ops).
/// </summary>
public sealed record RunModel(double Scale, double PerOpMs, int Samples)
{
    /// <summary>The run time of <paramref name="ops"/> op calls whose times sum to <paramref name="sum"/> ms.</summary>
    public double Time(double sum, int ops) => Scale * sum + PerOpMs * ops;
}

/// <summary>What a predictor was fitted on.</summary>
public sealed record PredictorTraining(string DataHash, int Samples, IReadOnlyList<TrainingTable> Tables, string Model, int Seed);

/// <summary>
/// A fitted latency predictor for one device: one <see cref="FamilyModel"/> per op method, conversion models and a run
/// model. It is data (docs/formats.md, "Predictor"): the same file predicts bit-identically in any process.
/// </summary>
public sealed class Predictor
{
    private readonly Dictionary<string, FamilyModel> _families;

    /// <summary>Creates a predictor.</summary>
    public Predictor(ProfileDevice device, PredictorTraining training, IEnumerable<FamilyModel> families, IEnumerable<ConversionModel> conversions, RunModel run)
    {
        Device = device;
        Training = training;
        _families = new Dictionary<string, FamilyModel>(StringComparer.Ordinal);
        foreach (FamilyModel f in families.OrderBy(f => f.Op, StringComparer.Ordinal))
        {
            if (_families.ContainsKey(f.Op)) throw new ArgumentException($"two models for op '{f.Op}'");
            _families.Add(f.Op, f);
        }
        Conversions = conversions.OrderBy(c => c.Kind, StringComparer.Ordinal).ToList();
        Run = run;
    }

    /// <summary>The device it predicts for.</summary>
    public ProfileDevice Device { get; }
    /// <summary>What it was fitted on.</summary>
    public PredictorTraining Training { get; }
    /// <summary>Family models by op method, in ordinal order.</summary>
    public IReadOnlyList<FamilyModel> Families => _families.Values.ToList();
    /// <summary>Conversion models (<c>f2h</c>, <c>h2f</c>), when the training tables had any.</summary>
    public IReadOnlyList<ConversionModel> Conversions { get; }
    /// <summary>The run model.</summary>
    public RunModel Run { get; }

    /// <summary>
    /// Throws KNB0603 unless <paramref name="device"/> is the device this predictor was fitted for
    /// (<paramref name="what"/> names the data, for the message).
    /// </summary>
    public void CheckDevice(ProfileDevice device, string what)
    {
        if (DeviceIdentity.Key(device) != DeviceIdentity.Key(Device))
        {
            throw new PredictorException(PredictorException.OtherDevice,
                $"{what} is for {DeviceIdentity.Describe(device)}, but the predictor was fitted on {DeviceIdentity.Describe(Device)}; " +
                "a predictor never predicts for another device: fit one on tables measured on that device (knobs fit)");
        }
    }

    /// <summary>The model of op method <paramref name="op"/>, or null.</summary>
    public FamilyModel? Family(string op) => _families.TryGetValue(op, out FamilyModel? f) ? f : null;

    /// <summary>Predicts one op call; KNB0604 when no family model covers <paramref name="op"/>.</summary>
    public OpPrediction Predict(string op, OpFeatureRecord features)
    {
        FamilyModel f = Family(op) ?? throw new PredictorException(PredictorException.MissingOp,
            $"the predictor has no model for op '{op}' (it was fitted on {string.Join(", ", _families.Keys)}): profile a table in which '{op}' runs and fit again");
        return f.Predict(features, Device);
    }

    /// <summary>
    /// Predicted ms of the <paramref name="kind"/> conversion (<c>f2h</c>, <c>h2f</c>) at the fp16 op <paramref name="at"/>;
    /// KNB0604 when the training tables had no such conversion.
    /// </summary>
    public double Conversion(string kind, OpFeatureRecord at) =>
        Conversions.FirstOrDefault(c => c.Kind == kind)?.Time(OpFeatureVector.ConvertedElements(at)) ?? throw new PredictorException(PredictorException.MissingOp,
            $"the predictor has no model for '{kind}' conversions (its training tables had none): fit it on tables with fp16 knobs");
}
