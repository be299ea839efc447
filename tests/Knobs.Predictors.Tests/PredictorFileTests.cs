using System;
using Knobs.Predictors.Fitting;

namespace Knobs.Predictors.Tests;

public class PredictorFileTests
{
    private static string Valid() => PredictorFile.ToText(PredictorFitter.Fit(TrainingSet.From(Fixtures.SyntheticSet()), new FitOptions { Trees = 5 }));

    private static PredictorException Bad(string text) => Assert.Throws<PredictorException>(() => PredictorFile.Parse(text, "p.predictor.json"));

    [Fact]
    public void Malformed_JSON_names_the_file_and_line()
    {
        PredictorException e = Bad("{\n  \"format\": \"knobs-predictor\",\n  \"version\": 1,,\n}");
        Assert.Equal("KNB0602", e.Id);
        Assert.Contains("p.predictor.json(3)", e.Message);
    }

    [Fact]
    public void Another_kind_of_file_is_not_a_predictor()
    {
        PredictorException e = Bad("{\"format\": \"knobs-table\", \"version\": 2}");
        Assert.Contains("not a Knobs predictor", e.Message);
    }

    [Fact]
    public void A_newer_version_is_refused_with_what_to_do()
    {
        PredictorException e = Bad(Valid().Replace("\"version\": 1,", "\"version\": 7,"));
        Assert.Contains("version 7 is not supported", e.Message);
        Assert.Contains("fit the predictor again", e.Message);
    }

    [Fact]
    public void A_missing_field_is_named_by_its_path()
    {
        PredictorException e = Bad(Valid().Replace("\"msPerGflop\"", "\"msPerGFLOP\""));
        Assert.Contains("families[0].prior.msPerGflop: missing", e.Message);
    }

    [Fact]
    public void A_tree_that_points_outside_itself_is_refused()
    {
        string text = Valid();
        int at = text.IndexOf("\"left\": [", StringComparison.Ordinal) + "\"left\": [".Length;
        string damaged = text.Substring(0, at) + "999" + text.Substring(text.IndexOf(',', at));
        PredictorException e = Bad(damaged);
        Assert.Contains("families[0].trees[0]", e.Message);
        Assert.Contains("child 999", e.Message);
    }

    [Fact]
    public void A_changed_feature_list_is_refused()
    {
        PredictorException e = Bad(Valid().Replace("\"batch\", \"threads\"", "\"threads\", \"batch\""));
        Assert.Contains("feature list differs", e.Message);
    }

    [Fact]
    public void A_negative_prior_coefficient_is_refused()
    {
        string text = Valid();
        int at = text.IndexOf("\"fixedMs\": ", text.IndexOf("\"families\"", StringComparison.Ordinal), StringComparison.Ordinal) + "\"fixedMs\": ".Length;
        PredictorException e = Bad(text.Substring(0, at) + "-1" + text.Substring(text.IndexOf(',', at)));
        Assert.Contains("non-negative", e.Message);
    }
}

public class PredictorFileRangeTests
{
    [Fact]
    public void A_run_model_that_is_not_positive_is_refused()
    {
        string text = PredictorFile.ToText(Knobs.Predictors.Fitting.PredictorFitter.Fit(TrainingSet.From(Fixtures.SyntheticSet()), new Knobs.Predictors.Fitting.FitOptions { Trees = 3 }));
        int at = text.IndexOf("\"scale\": ", StringComparison.Ordinal) + "\"scale\": ".Length;
        string damaged = text.Substring(0, at) + "0" + text.Substring(text.IndexOf(',', at));
        var e = Assert.Throws<PredictorException>(() => PredictorFile.Parse(damaged, "p.json"));
        Assert.Contains("run: the run model's scale is positive", e.Message);
    }
}
