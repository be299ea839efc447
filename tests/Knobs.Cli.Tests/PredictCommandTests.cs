using System.IO;
using Knobs.Testing;

namespace Knobs.Cli.Tests;

public class PredictCommandTests
{
    private static string Tables => RepoPaths.Combine("tests", "data", "prediction");
    private static string Table(string name) => Path.Combine(Tables, name);

    [Fact]
    public void Fit_writes_a_predictor_and_predict_prints_predicted_beside_measured()
    {
        using var temp = new TempFolder();
        string predictor = Path.Combine(temp.Path, "cpu.predictor.json");
        ToolRun fit = ToolRun.Of("fit", Tables, "-o", predictor, "--trees", "20");
        Assert.True(fit.ExitCode == 0, fit.ToString());
        Assert.Contains("fitted a boosted predictor for cpu 'AMD EPYC'", fit.Output);
        Assert.Contains("LeNetMnist (batch 16", fit.Output);
        Assert.True(File.Exists(predictor));

        string csv = Path.Combine(temp.Path, "p.csv");
        ToolRun predict = ToolRun.Of("predict", "-p", predictor, Table("LeNetDigits.table.json"), "--csv", csv);
        Assert.True(predict.ExitCode == 0, predict.ToString());
        Assert.Contains("every time below marked 'predicted' is a prediction", predict.Output);
        Assert.Matches(@"perf_121\s+[0-9.]+\s+[0-9.]+\s+[+-][0-9.]+ %", predict.Output);
        Assert.Contains("whole runs: 6 measured: mean |error|", predict.Output);
        string[] lines = File.ReadAllLines(csv);
        Assert.Equal("benchmark,batch,node,op_index,op,knob,provenance,predicted_ms,measured_ms,error,prior_ms,outside_range", lines[0]);
        Assert.All(lines[1..], l => Assert.Contains(",predicted,", l));
    }

    [Fact]
    public void Fitting_twice_writes_the_same_bytes()
    {
        using var temp = new TempFolder();
        string a = Path.Combine(temp.Path, "a.json"), b = Path.Combine(temp.Path, "b.json");
        Assert.Equal(0, ToolRun.Of("fit", Tables, "-o", a, "--model", "forest", "--trees", "15").ExitCode);
        Assert.Equal(0, ToolRun.Of("fit", Tables, "-o", b, "--model", "forest", "--trees", "15").ExitCode);
        Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
    }

    [Fact]
    public void Bad_arguments_are_exit_2_and_write_nothing()
    {
        using var temp = new TempFolder();
        string output = Path.Combine(temp.Path, "p.json");
        ToolRun model = ToolRun.Of("fit", Tables, "-o", output, "--model", "tree");
        Assert.Equal(2, model.ExitCode);
        Assert.Contains("KNB0506: --model must be boosted, forest or roofline, got 'tree'", model.Error);
        ToolRun missing = ToolRun.Of("fit", Path.Combine(temp.Path, "nothing.table.json"), "-o", output);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("KNB0601", missing.Error);
        Assert.Contains("nothing.table.json: no such file or folder", missing.Error);
        string broken = temp.Write("broken.table.json", "{\"format\": \"knobs-table\", \"version\": 2,");
        ToolRun bad = ToolRun.Of("fit", broken, "-o", output);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("broken.table.json", bad.Error);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Predict_refuses_a_damaged_predictor_with_its_path()
    {
        using var temp = new TempFolder();
        string damaged = temp.Write("p.predictor.json", "{\"format\": \"knobs-predictor\", \"version\": 1}");
        ToolRun run = ToolRun.Of("predict", "-p", damaged, Table("LeNetMnist.table.json"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("error KNB0602", run.Error);
        Assert.Contains("features: missing", run.Error);
    }

    [Fact]
    public void A_predictor_is_not_replaced_when_a_new_fit_fails()
    {
        using var temp = new TempFolder();
        string predictor = Path.Combine(temp.Path, "cpu.predictor.json");
        Assert.Equal(0, ToolRun.Of("fit", Tables, "-o", predictor, "--trees", "5").ExitCode);
        byte[] before = File.ReadAllBytes(predictor);
        string broken = temp.Write("broken.table.json", "not json");
        Assert.Equal(2, ToolRun.Of("fit", Tables, broken, "-o", predictor).ExitCode);
        Assert.Equal(before, File.ReadAllBytes(predictor));
    }
}

public class PredictedTablesTests
{
    [Fact]
    public void Predict_writes_tables_whose_every_time_is_predicted_on_the_predictors_device()
    {
        using var temp = new TempFolder();
        string tables = RepoPaths.Combine("tests", "data", "prediction");
        string predictor = Path.Combine(temp.Path, "cpu.predictor.json");
        Assert.Equal(0, ToolRun.Of("fit", tables, "-o", predictor, "--trees", "10").ExitCode);
        string outDir = Path.Combine(temp.Path, "predicted");
        ToolRun run = ToolRun.Of("predict", "-p", predictor, Path.Combine(tables, "LeNetDigits.table.json"), "--tables-out", outDir);
        Assert.True(run.ExitCode == 0, run.ToString());
        Knobs.Tables.LookupTable t = Knobs.Tables.TableJsonReader.Read(Path.Combine(outDir, "LeNetDigits.table.json"));
        Assert.Equal("AMD EPYC", t.Device!.Name);
        Assert.All(t.Nodes, n => Assert.All(n.Ops, o => Assert.All(o.Cells, c => Assert.Equal("predicted", c!.Provenance))));
        Assert.All(t.Knobs, k => Assert.Null(k.Total));
        Assert.True(File.Exists(Path.Combine(outDir, "LeNetDigits.table.md")));
        Assert.Contains("predicted", File.ReadAllText(Path.Combine(outDir, "LeNetDigits.table.md")));
    }
}
