using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Knobs.Profiles;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using RegressionTree = Knobs.Predictors.RegressionTree;

namespace Knobs.Predictors.Fitting;

/// <summary>The learner under the prior.</summary>
public enum PredictorModel
{
    /// <summary>Gradient-boosted trees (ML.NET FastTree).</summary>
    Boosted,
    /// <summary>A random forest (ML.NET FastForest).</summary>
    Forest,
    /// <summary>The roofline prior alone, no trees.</summary>
    Roofline,
}

/// <summary>Fitting settings; the defaults are what <c>knobs fit</c> uses.</summary>
public sealed record FitOptions
{
    /// <summary>The learner.</summary>
    public PredictorModel Model { get; init; } = PredictorModel.Boosted;
    /// <summary>Trees per family.</summary>
    public int Trees { get; init; } = 300;
    /// <summary>Leaves per tree.</summary>
    public int Leaves { get; init; } = 16;
    /// <summary>Fewest samples a leaf holds.</summary>
    public int MinimumLeafSamples { get; init; } = 2;
    /// <summary>Boosting's learning rate.</summary>
    public double LearningRate { get; init; } = 0.1;
    /// <summary>The random seed (bagging and feature sampling); fitting is single-threaded, so the same seed and data give the same file.</summary>
    public int Seed { get; init; } = 1;
    /// <summary>A family with fewer distinct samples than this gets the prior alone.</summary>
    public int MinimumSamplesForTrees { get; init; } = 8;

    /// <summary>The model's word in predictor files and on the command line.</summary>
    public string ModelWord => Model switch { PredictorModel.Forest => "forest", PredictorModel.Roofline => "roofline", _ => "boosted" };

    /// <summary>Parses <c>boosted</c>, <c>forest</c> or <c>roofline</c>.</summary>
    public static PredictorModel? ParseModel(string word) => word switch
    {
        "boosted" => PredictorModel.Boosted,
        "forest" => PredictorModel.Forest,
        "roofline" => PredictorModel.Roofline,
        _ => null,
    };
}

/// <summary>
/// Fits a <see cref="Predictor"/> on a <see cref="TrainingSet"/>: per op method a roofline prior, then (with enough
/// samples) ML.NET trees on <c>ln(measured / prior)</c>, exported into <see cref="TreeEnsemble"/>s; conversion and run
/// models by non-negative least squares. Deterministic: one thread, a fixed seed, samples in table order.
/// </summary>
public static class PredictorFitter
{
    /// <summary>Fits a predictor.</summary>
    public static Predictor Fit(TrainingSet set, FitOptions options)
    {
        var families = new List<FamilyModel>();
        foreach (IGrouping<string, OpSample> group in set.Samples.GroupBy(s => s.Op, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            families.Add(FitFamily(group.Key, group.ToList(), options));
        }
        var conversions = new List<ConversionModel>();
        foreach (IGrouping<string, ConversionSample> g in set.Conversions.GroupBy(c => c.Kind, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var list = g.ToList();
            double[]? c = NonNegativeLeastSquares.FitRelative(list.Select(s => new[] { 1.0, s.Elements / 1e6 }).ToList(), list.Select(s => s.Time).ToList());
            conversions.Add(c is null ? new ConversionModel(g.Key, RooflinePrior.Median(list.Select(s => s.Time).ToArray()), 0, list.Count)
                : new ConversionModel(g.Key, c[0], c[1], list.Count));
        }
        RunModel run = FitRun(set.Networks);
        var training = new PredictorTraining(set.Hash, set.Samples.Count, set.Tables, options.ModelWord, options.Seed);
        return new Predictor(set.Device, training, families, conversions, run);
    }

    private static RunModel FitRun(IReadOnlyList<NetworkSample> networks)
    {
        if (networks.Count == 0) return new RunModel(1, 0, 0);
        double[]? c = NonNegativeLeastSquares.FitRelative(networks.Select(n => new[] { n.MeasuredOps, n.Ops }).ToList(), networks.Select(n => n.Total).ToList());
        return c is null || !(c[0] > 0) ? new RunModel(1, 0, networks.Count) : new RunModel(c[0], c[1], networks.Count);
    }

    internal static FamilyModel FitFamily(string op, IReadOnlyList<OpSample> samples, FitOptions options)
    {
        RooflinePrior prior = RooflinePrior.Fit(samples.Select(s => (s.Features, s.Time)).ToList());
        int n = OpFeatureVector.Names.Count;
        var low = Enumerable.Repeat(float.PositiveInfinity, n).ToArray();
        var high = Enumerable.Repeat(float.NegativeInfinity, n).ToArray();
        foreach (OpSample s in samples)
        {
            for (int i = 0; i < n; i++)
            {
                low[i] = Math.Min(low[i], s.Vector[i]);
                high[i] = Math.Max(high[i], s.Vector[i]);
            }
        }
        TreeEnsemble trees = options.Model == PredictorModel.Roofline || samples.Count < options.MinimumSamplesForTrees
            ? TreeEnsemble.Empty
            : FitTrees(samples, prior, options);
        return new FamilyModel(op, prior, trees, samples.Count, low, high);
    }

    private sealed class Row
    {
        public float Label { get; set; }
        public float[] Features { get; set; } = Array.Empty<float>();
    }

    private static TreeEnsemble FitTrees(IReadOnlyList<OpSample> samples, RooflinePrior prior, FitOptions options)
    {
        ITransformer model = Train(samples, prior, options, out _, out _);
        // A forest's output is the mean of its trees; boosting's is their sum.
        return model switch
        {
            RegressionPredictionTransformer<FastForestRegressionModelParameters> forest =>
                Export(forest.Model.TrainedTreeEnsemble, 1.0 / Math.Max(1, forest.Model.TrainedTreeEnsemble.Trees.Count)),
            RegressionPredictionTransformer<FastTreeRegressionModelParameters> boosted => Export(boosted.Model.TrainedTreeEnsemble, 1.0),
            _ => throw new InvalidOperationException("unexpected ML.NET model " + model.GetType().Name),
        };
    }

    // One thread and a fixed seed: the same samples give the same trees.
    private static ITransformer Train(IReadOnlyList<OpSample> samples, RooflinePrior prior, FitOptions options, out MLContext ml, out SchemaDefinition schema)
    {
        ml = new MLContext(seed: options.Seed);
        schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, OpFeatureVector.Names.Count);
        var rows = samples.Select(s => new Row { Label = (float)Math.Log(s.Time / prior.Time(s.Features)), Features = s.Vector }).ToList();
        IDataView data = ml.Data.LoadFromEnumerable(rows, schema);
        int leafMin = Math.Max(1, Math.Min(options.MinimumLeafSamples, samples.Count / 4));
        if (options.Model == PredictorModel.Forest)
        {
            return ml.Regression.Trainers.FastForest(new FastForestRegressionTrainer.Options
            {
                NumberOfTrees = options.Trees,
                NumberOfLeaves = options.Leaves,
                MinimumExampleCountPerLeaf = leafMin,
                NumberOfThreads = 1,
                FeatureFraction = 0.7,
                BaggingExampleFraction = 0.7,
                Seed = options.Seed,
                FeatureSelectionSeed = options.Seed,
            }).Fit(data);
        }
        return ml.Regression.Trainers.FastTree(new FastTreeRegressionTrainer.Options
        {
            NumberOfTrees = options.Trees,
            NumberOfLeaves = options.Leaves,
            MinimumExampleCountPerLeaf = leafMin,
            LearningRate = options.LearningRate,
            NumberOfThreads = 1,
            Seed = options.Seed,
            FeatureSelectionSeed = options.Seed,
        }).Fit(data);
    }

    private static TreeEnsemble Export<T>(TreeEnsemble<T> ensemble, double weightScale) where T : RegressionTreeBase
    {
        int n = OpFeatureVector.Names.Count;
        var trees = new List<RegressionTree>(ensemble.Trees.Count);
        for (int t = 0; t < ensemble.Trees.Count; t++)
        {
            T tree = ensemble.Trees[t];
            if (tree.CategoricalSplitFlags.Any(f => f)) throw new InvalidOperationException("a categorical split in a fitted tree: every predictor feature is numeric");
            trees.Add(new RegressionTree(ensemble.TreeWeights[t] * weightScale, tree.NumericalSplitFeatureIndexes.ToArray(), tree.NumericalSplitThresholds.ToArray(),
                tree.LeftChild.ToArray(), tree.RightChild.ToArray(), tree.LeafValues.ToArray(), n));
        }
        return new TreeEnsemble(ensemble.Bias, trees);
    }

    /// <summary>ML.NET's own predictions for <paramref name="vectors"/> from the same training (for checking the export).</summary>
    internal static float[] MlNetPredictions(IReadOnlyList<OpSample> samples, RooflinePrior prior, FitOptions options, IReadOnlyList<float[]> vectors)
    {
        ITransformer model = Train(samples, prior, options, out MLContext ml, out SchemaDefinition schema);
        IDataView scored = model.Transform(ml.Data.LoadFromEnumerable(vectors.Select(v => new Row { Features = v }).ToList(), schema));
        return scored.GetColumn<float>("Score").ToArray();
    }
}
