using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Knobs.Tensors;
using Knobs.Tensors.Backends;

namespace Knobs.Benchmarks.Networks;

/// <summary>
/// <c>networks</c>: fp32 alexnet_cifar10 and resnet18_cifar10, whole network, Knobs vs PyTorch
/// (<c>torch.jit.optimize_for_inference(torch.jit.script(model.eval()))</c>) vs onnxruntime-node, all running the
/// same weights: Knobs' seeded weights are exported as HPVM raw float32 files, PyTorch builds the model from them
/// and exports ONNX for onnxruntime. Outputs are compared (max |diff|) before any time is reported.
/// </summary>
internal static class NetworksSuite
{
    /// <summary>Largest max |diff| of the softmax outputs accepted as "the same function".</summary>
    public const double Tolerance = 1e-4;

    /// <summary>Samples of <see cref="FmaScalingProbe"/> before and after the measurements (≈ 0.1 s each time).</summary>
    private const int ProbeSamples = 20;

    public static int Run(string[] args)
    {
        SuiteOptions o;
        try { o = SuiteOptions.Parse(args); }
        catch (ArgumentException e) { Console.Error.WriteLine(e.Message); return 2; }

        string? peers = PeersDirectory();
        if (peers is null)
        {
            Console.Error.WriteLine("networks: cannot find tests/Knobs.Benchmarks/peers/networks (run from the repository).");
            return 2;
        }
        string work = Path.Combine(Path.GetTempPath(), "knobs-networks-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        var text = new StringBuilder();
        void Say(string line) { Console.WriteLine(line); text.AppendLine(line); }

        Ops.FuseEpilogues = o.Fuse;
        Say(Describe());
        Say(FmaScalingProbe.Describe("before", FmaScalingProbe.Measure(ProbeSamples)));
        Say(string.Create(CultureInfo.InvariantCulture,
            $"each time: the median of ≥ 5 calls and ≥ {o.MinSeconds} s after warm-up, best of {o.Rounds} rounds (every implementation measured once per round); Knobs epilogue fusion {(o.Fuse ? "on" : "off")}"));
        var rows = new List<Row>();
        bool allAgree = true;
        foreach (var net in NetworkCase.All())
        {
            string dir = Path.Combine(work, net.Name);
            net.Weights.Save(dir);
            int maxBatch = o.Batches.Max();
            Tensor full = Tensor.Random([maxBatch, .. net.InputShape], seed: 7);
            full.Save(Path.Combine(dir, "input.bin"));
            var inputs = o.Batches.ToDictionary(b => b, b => Slice(full, b, net.InputShape));
            var outputs = o.Batches.ToDictionary(b => b, b => net.Run(inputs[b]).ToArray());

            string[] common = ["--net", net.Name, "--dir", dir, "--batches", Join(o.Batches), "--threads", Join(o.Threads),
                "--min-seconds", o.MinSeconds.ToString(CultureInfo.InvariantCulture)];
            // Rounds: every implementation is measured once per round, the rounds one after the other, and each keeps its
            // best round. A 2-vCPU VM has spells of seconds in which a second thread gains little or nothing; best-of-N
            // keeps such a spell from deciding a ratio, for the peers as for Knobs. Five by default: with three, a spell
            // over two of a process's rounds still moved ratios noticeably.
            // Spells are the host giving the two vCPUs less than two cores' FMA throughput (docs/samples.md).
            var torch = new List<PeerResult>();
            var ort = new List<PeerResult>();
            var knobs = new Dictionary<(int, int), Timing>();
            string? torchError = null, ortError = null;
            for (int round = 1; round <= o.Rounds; round++)
            {
                var (torchRound, te) = PeerProcess.Run("/usr/bin/python3", peers, [Path.Combine(peers, "torch_net.py"), .. common]);
                var (ortRound, oe) = File.Exists(Path.Combine(dir, "model.onnx"))
                    ? PeerProcess.Run("node", peers, [Path.Combine(peers, "ort_net.js"), .. common])
                    : ([], "no model.onnx (the PyTorch peer exports it)");
                torchError ??= te;
                ortError ??= oe;
                KeepBest(torch, torchRound);
                KeepBest(ort, ortRound);
                foreach (int b in o.Batches)
                {
                    foreach (int t in o.Threads)
                    {
                        Backend.Current.Threads = t;
                        var timing = Timing.Measure(net.Run, inputs[b], o.MinSeconds, o.WarmupSeconds);
                        if (!knobs.TryGetValue((b, t), out Timing best) || timing.MedianMs < best.MedianMs) knobs[(b, t)] = timing;
                    }
                }
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{net.Name}: round {round} of {o.Rounds} measured"));
            }
            if (torchError is not null) Say($"{net.Name}: PyTorch not measured: {torchError}");
            if (ortError is not null) Say($"{net.Name}: onnxruntime not measured: {ortError}");

            foreach (int b in o.Batches)
            {
                foreach (string peer in new[] { "pytorch", "onnxruntime" })
                {
                    double? diff = Agreement.MaxAbsDiff(outputs[b], Path.Combine(dir, $"out_{peer}_b{b}.bin"));
                    bool ok = diff is double d && d <= Tolerance;
                    allAgree &= ok || diff is null;
                    Say(string.Create(CultureInfo.InvariantCulture,
                        $"{net.Name} batch {b}: Knobs vs {peer} max |diff| = {(diff is null ? "no output" : diff.Value.ToString("0.###e+0", CultureInfo.InvariantCulture))}{(ok ? " (agree)" : diff is null ? "" : " (DISAGREE: its times are not reported)")}"));
                    if (!ok)
                    {
                        if (peer == "pytorch") torch.RemoveAll(r => r.Batch == b); else ort.RemoveAll(r => r.Batch == b);
                    }
                }
            }

            foreach (int b in o.Batches)
            {
                foreach (int t in o.Threads)
                {
                    rows.Add(new Row(net.Name, b, t, knobs[(b, t)],
                        torch.FirstOrDefault(r => r.Batch == b && r.Threads == t),
                        ort.FirstOrDefault(r => r.Batch == b && r.Threads == t)));
                }
            }
        }

        Say("");
        Say(Report.Table(rows));
        double? worst = Report.WorstRatio(rows);
        Say(worst is null
            ? "Knobs vs fastest peer: not measured (no peer ran)."
            : string.Create(CultureInfo.InvariantCulture,
                $"Worst Knobs speed vs the fastest peer: {worst:0.00}× (goal ≥ {Report.Goal:0.0}×: {(worst >= Report.Goal ? "met" : "NOT met")})."));
        Say("load after: " + LoadAverage());
        Say(FmaScalingProbe.Describe("after", FmaScalingProbe.Measure(ProbeSamples)));
        if (o.OutFile is not null)
        {
            string temp = o.OutFile + ".tmp";
            File.WriteAllText(temp, text.ToString());
            File.Move(temp, o.OutFile, overwrite: true);
        }
        try { Directory.Delete(work, recursive: true); } catch (IOException) { }
        return allAgree ? 0 : 1;
    }

    // Keeps, per (batch, threads), the faster of the results so far and this round's.
    private static void KeepBest(List<PeerResult> best, List<PeerResult> round)
    {
        foreach (PeerResult r in round)
        {
            int i = best.FindIndex(b => b.Batch == r.Batch && b.Threads == r.Threads);
            if (i < 0) best.Add(r);
            else if (r.MedianMs < best[i].MedianMs) best[i] = r;
        }
    }

    private static Tensor Slice(Tensor full, int batch, int[] itemShape)
    {
        int per = itemShape.Aggregate(1, (a, b) => a * b);
        return Tensor.FromArray(full.ToArray().AsSpan(0, batch * per).ToArray(), [batch, .. itemShape]);
    }

    private static string Join(int[] values) => string.Join(",", values.Select(v => v.ToString(CultureInfo.InvariantCulture)));

    private static string Describe()
    {
        string cpu = "unknown CPU";
        try
        {
            cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? cpu;
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return string.Create(CultureInfo.InvariantCulture,
            $"networks: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {cpu}, {System.Environment.ProcessorCount} cores, .NET {System.Environment.Version}, " +
            $"Knobs backend {Backend.Current.Name}; load before: {LoadAverage()}");
    }

    private static string LoadAverage()
    {
        try { return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
        catch (IOException) { return "unknown"; }
        catch (UnauthorizedAccessException) { return "unknown"; }
    }

    private static string? PeersDirectory()
    {
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
            {
                string candidate = Path.Combine(d.FullName, "tests", "Knobs.Benchmarks", "peers", "networks");
                if (File.Exists(Path.Combine(candidate, "torch_net.py"))) return candidate;
            }
        }
        return null;
    }
}
