using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Knobs.Predictors.Fitting;
using Knobs.Profiles;
using Knobs.Tables;

namespace Knobs.Predictors.Tests;

public class PredictorFittingTests
{
    [Theory]
    [InlineData(PredictorModel.Boosted)]
    [InlineData(PredictorModel.Forest)]
    public void Exported_trees_predict_what_MLNET_predicts(PredictorModel model)
    {
        TrainingSet set = TrainingSet.From(Fixtures.RealPair());
        var options = new FitOptions { Model = model, Trees = 40 };
        // The family with the most samples, so that trees are fitted.
        List<OpSample> samples = set.Samples.GroupBy(s => s.Op).OrderByDescending(g => g.Count()).First().ToList();
        FamilyModel family = PredictorFitter.FitFamily(samples[0].Op, samples, options);
        Assert.NotEmpty(family.Trees.Trees);
        float[] expected = PredictorFitter.MlNetPredictions(samples, family.Prior, options, samples.Select(s => s.Vector).ToList());
        for (int i = 0; i < samples.Count; i++)
        {
            double ours = family.Trees.Evaluate(samples[i].Vector);
            Assert.True(Math.Abs(ours - expected[i]) <= 1e-5 * Math.Max(1, Math.Abs(expected[i])), $"sample {i}: exported {ours}, ML.NET {expected[i]}");
        }
    }

    [Fact]
    public void The_same_tables_give_a_byte_identical_predictor()
    {
        foreach (PredictorModel model in new[] { PredictorModel.Boosted, PredictorModel.Forest })
        {
            var options = new FitOptions { Model = model, Trees = 30 };
            string a = PredictorFile.ToText(PredictorFitter.Fit(TrainingSet.From(Fixtures.RealPair()), options));
            string b = PredictorFile.ToText(PredictorFitter.Fit(TrainingSet.From(Fixtures.RealPair()), options));
            Assert.Equal(a, b);
        }
    }

    [Fact]
    public void A_written_predictor_reads_back_and_predicts_bit_identically()
    {
        Predictor fitted = PredictorFitter.Fit(TrainingSet.From(Fixtures.RealPair()), new FitOptions { Trees = 30 });
        string dir = Directory.CreateTempSubdirectory("knobs-predictor").FullName;
        try
        {
            string path = Path.Combine(dir, "cpu.predictor.json");
            PredictorFile.Write(path, fitted);
            Predictor read = PredictorFile.Read(path);
            Assert.Equal(File.ReadAllText(path), PredictorFile.ToText(read));
            foreach (var (table, file) in Fixtures.RealPair())
            {
                var a = NetworkPredictor.Predict(fitted, table, file);
                var b = NetworkPredictor.Predict(read, table, file);
                Assert.Equal(a.Count, b.Count);
                for (int i = 0; i < a.Count; i++)
                {
                    Assert.Equal(BitConverter.DoubleToInt64Bits(a[i].Predicted), BitConverter.DoubleToInt64Bits(b[i].Predicted));
                    for (int c = 0; c < a[i].Cells.Count; c++)
                        Assert.Equal(BitConverter.DoubleToInt64Bits(a[i].Cells[c].Prediction.Time), BitConverter.DoubleToInt64Bits(b[i].Cells[c].Prediction.Time));
                }
            }
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void The_file_records_device_training_data_hash_and_tables()
    {
        TrainingSet set = TrainingSet.From(Fixtures.RealPair());
        Predictor p = PredictorFitter.Fit(set, new FitOptions { Trees = 10 });
        Assert.Equal(set.Hash, p.Training.DataHash);
        Assert.StartsWith("sha256:", p.Training.DataHash);
        Assert.Equal(new[] { "LeNetMnist", "LeNetDigits" }, p.Training.Tables.Select(t => t.Benchmark));
        Assert.All(p.Training.Tables, t => Assert.Equal(16, t.Batch));
        Assert.Equal("AMD EPYC", p.Device.Name);
        Assert.Contains("\"dataHash\": \"" + set.Hash + "\"", PredictorFile.ToText(p));
    }

    [Fact]
    public void Held_out_synthetic_networks_are_predicted_closely_from_the_others()
    {
        // NetC is held out: its shapes were never seen; the prior carries the size and the trees the perforation overhead.
        var all = Fixtures.SyntheticSet();
        var training = all.Where(t => t.Table.Benchmark != "NetC").ToList();
        Predictor p = PredictorFitter.Fit(TrainingSet.From(training), new FitOptions { Trees = 100 });
        foreach (var (table, file) in all.Where(t => t.Table.Benchmark == "NetC"))
        {
            foreach (NetworkPrediction n in NetworkPredictor.Predict(p, table, file))
            {
                Assert.True(Math.Abs(n.RelativeError!.Value) < 0.10, $"{file} {n.Knob}: predicted {n.Predicted}, measured {n.Measured}");
            }
        }
    }

    [Fact]
    public void The_roofline_prior_recovers_a_linear_cost_and_stays_non_negative()
    {
        var samples = new List<(OpFeatureRecord, double)>();
        foreach (var (c, h, k, kh) in Fixtures.NetA.Concat(Fixtures.NetB))
        {
            foreach (int batch in new[] { 1, 4, 16 })
            {
                OpFeatureRecord f = Fixtures.Conv(batch, c, h, k, kh, false);
                samples.Add((f, Fixtures.TrueTime(f)));
            }
        }
        RooflinePrior prior = RooflinePrior.Fit(samples);
        Assert.Equal(0.01, prior.FixedMs, 6);
        Assert.Equal(1.5, prior.MsPerGflop, 6);
        Assert.Equal(0.2, prior.MsPerMegabyte, 6);

        // Time falling with size would need a negative coefficient: the fit drops that term instead.
        var falling = samples.Select(s => (s.Item1, 10.0 - s.Item1.EffectiveFlops / 1e9)).ToList();
        RooflinePrior p2 = RooflinePrior.Fit(falling);
        Assert.True(p2.FixedMs >= 0 && p2.MsPerGflop >= 0 && p2.MsPerMegabyte >= 0);
    }

    [Fact]
    public void Cells_that_measured_the_same_op_are_one_sample()
    {
        TrainingSet set = TrainingSet.From(new[] { Fixtures.Real("LeNetMnist.table.json") });
        // Under fp32, perf_121 and samp_231 the adds compute the same thing: one Add sample per add op, not three.
        var adds = set.Samples.Where(s => s.Op == "Add").ToList();
        Assert.Equal(4, adds.Count);
        Assert.All(adds, s => Assert.Equal(3, s.Count));
        Assert.Equal(adds.Count, adds.Select(s => (s.Node, s.OpIndex)).Distinct().Count());
    }
}
