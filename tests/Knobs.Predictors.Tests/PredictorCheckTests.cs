using System;
using System.Linq;
using Knobs.Predictors.Fitting;
using Knobs.Profiles;
using Knobs.Tables;

namespace Knobs.Predictors.Tests;

public class PredictorCheckTests
{
    private static Predictor Fitted() => PredictorFitter.Fit(TrainingSet.From(Fixtures.SyntheticSet()), new FitOptions { Trees = 20 });

    [Fact]
    public void A_table_of_another_device_is_refused_with_KNB0603()
    {
        Predictor p = Fitted();
        LookupTable other = Fixtures.Synthetic("NetA", 1, Fixtures.NetA, Fixtures.Cpu("Other CPU"));
        var e = Assert.Throws<PredictorException>(() => NetworkPredictor.Predict(p, other, "other.table.json"));
        Assert.Equal("KNB0603", e.Id);
        Assert.Contains("other.table.json", e.Message);
        Assert.Contains("Other CPU", e.Message);
        Assert.Contains("fit one on tables measured on that device", e.Message);
    }

    [Fact]
    public void Another_thread_count_is_the_same_device()
    {
        Predictor p = Fitted();
        var fourThreads = new ProfileDevice(ProfileDevice.Cpu, "Test CPU", Fixtures.Cpu().Properties.Select(kv => kv.Key == "threads" ? new System.Collections.Generic.KeyValuePair<string, string>("threads", "4") : kv));
        p.CheckDevice(fourThreads, "x");
    }

    [Fact]
    public void Tables_of_two_devices_do_not_make_one_training_set()
    {
        var tables = Fixtures.SyntheticSet().Take(2).Append((Fixtures.Synthetic("NetB", 1, Fixtures.NetB, Fixtures.Cpu("Test CPU", l2: "1024K")), "b.table.json")).ToList();
        var e = Assert.Throws<PredictorException>(() => TrainingSet.From(tables));
        Assert.Equal("KNB0601", e.Id);
        Assert.Contains("b.table.json", e.Message);
        Assert.Contains("l2=1024K", e.Message);
    }

    [Fact]
    public void An_op_the_predictor_never_saw_is_an_error_not_zero()
    {
        Predictor p = Fitted();
        var e = Assert.Throws<PredictorException>(() => p.Predict("Softmax", Fixtures.Conv(1, 3, 8, 8, 3, false)));
        Assert.Equal("KNB0604", e.Id);
        Assert.Contains("'Softmax'", e.Message);
        Assert.Contains("Convolution", e.Message);
    }

    [Fact]
    public void A_prediction_outside_the_fitted_box_says_which_features_are_outside()
    {
        Predictor p = Fitted();
        OpPrediction inside = p.Predict("Convolution", Fixtures.Conv(16, 16, 32, 32, 3, false));
        Assert.True(inside.InsideBox);
        OpPrediction outside = p.Predict("Convolution", Fixtures.Conv(256, 16, 32, 32, 3, false));
        Assert.Contains("batch", outside.OutsideBox);
        // Far outside, the prior still scales the time with the work: 16× the batch is several times the time.
        Assert.True(outside.Time > 8 * inside.Time, $"{outside.Time} vs {inside.Time}");
    }

    [Fact]
    public void Tables_without_op_features_give_KNB0601()
    {
        var (table, _) = Fixtures.Real("LeNetMnist.table.json");
        var stripped = new LookupTable(table.Benchmark, table.Environment, table.Settings, table.Knobs,
            table.Nodes.Select(n => new TableNode(n.Id, n.Name, n.Ops.Select(o => new TableOp(o.Kind,
                o.Cells.Select(c => c is null ? null : new TableCell(c.Op, c.Approx, c.Mean, c.Time, c.Energy)).ToList(), o.F2h, o.H2f)).ToList())).ToList(),
            table.Sources, table.Device);
        var e = Assert.Throws<PredictorException>(() => TrainingSet.From(new[] { (stripped, "old.table.json") }));
        Assert.Equal("KNB0601", e.Id);
        Assert.Contains("profile again", e.Message);
    }
}
