using TensorOps = Knobs.Tensors.Ops;
using System;
using System.Collections.Generic;
using System.Linq;
using Knobs.Runtime;
using Knobs.Tensors;

namespace Knobs.Runtime.Tests;

/// <summary>
/// A hand-written stand-in for what the generator emits: a small classifier (conv+bias+relu, gemm+bias, softmax) with
/// variants fp32_11, fp16_12, perf_121 and any extra variant a test adds, instrumented with the real hooks.
/// </summary>
internal sealed class TinyNet
{
    public const string Name = "TinyNet";

    public static readonly KnobInfo Fp32 = new(11, "fp32_11", "fp32", Array.Empty<string>(), 1.0);
    public static readonly KnobInfo Fp16 = new(12, "fp16_12", "fp16", Array.Empty<string>(), 1.5);
    public static readonly KnobInfo Perf121 = new(121, "perf_121", "perf", new[] { "2", "1", "0" }, 1.88);

    public static readonly NodeDescriptor[] Nodes =
    {
        new(1, "node1", new[] { "conv", "add", "relu" }),
        new(2, "node2", new[] { "mul", "add" }),
        new(3, "node3", new[] { "softmax" }),
    };

    private readonly Tensor _conv = Tensor.Random(new[] { 4, 3, 3, 3 }, seed: 1);
    private readonly Tensor _bias1 = Tensor.Random(new[] { 4 }, seed: 2);
    private readonly Tensor _fc = Tensor.Random(new[] { 4 * 8 * 8, 10 }, seed: 3);
    private readonly Tensor _bias2 = Tensor.Random(new[] { 10 }, seed: 4);

    public static Tensor Input(int batch) => Tensor.Random(new[] { batch, 3, 8, 8 }, seed: 7);

    public static IReadOnlyList<OpDescriptor> Ops(string[] opNames) => new[]
    {
        new OpDescriptor(0, 1, "node1", "conv", opNames[0], "TinyNet.cs", 10),
        new OpDescriptor(1, 1, "node1", "add", opNames[1], "TinyNet.cs", 11),
        new OpDescriptor(2, 1, "node1", "relu", opNames[2], "TinyNet.cs", 12),
        new OpDescriptor(3, 2, "node2", "mul", opNames[3], "TinyNet.cs", 13),
        new OpDescriptor(4, 2, "node2", "add", opNames[4], "TinyNet.cs", 14),
        new OpDescriptor(5, 3, "node3", "softmax", "Softmax", "TinyNet.cs", 15),
    };

    public Tensor RunFp32(Tensor x)
    {
        long t = Profiler.Begin(); x = TensorOps.Convolution(x, _conv, 1, 1, 1, 1); Profiler.End(0, t);
        return Tail(x, half: false);
    }

    public Tensor RunPerf(Tensor x)
    {
        long t = Profiler.Begin(); x = TensorOps.ConvApprox(x, _conv, 1, 1, 1, 1, 2, 1, 1, 0); Profiler.End(0, t);
        return Tail(x, half: false);
    }

    public Tensor RunFp16(Tensor x)
    {
        long t = Profiler.Begin(); x = TensorOps.HalfConvolution(x, _conv, 1, 1, 1, 1); Profiler.End(0, t);
        return Tail(x, half: true);
    }

    /// <summary>The same network without hooks (what Total profiling generates).</summary>
    public Tensor RunUninstrumented(Tensor x)
    {
        x = TensorOps.Convolution(x, _conv, 1, 1, 1, 1);
        x = TensorOps.Relu(TensorOps.Add(x, _bias1));
        x = TensorOps.Add(TensorOps.Gemm(x, _fc), _bias2);
        return TensorOps.Softmax(x);
    }

    private Tensor Tail(Tensor x, bool half)
    {
        long t = Profiler.Begin(); x = half ? TensorOps.HalfAdd(x, _bias1) : TensorOps.Add(x, _bias1); Profiler.End(1, t);
        t = Profiler.Begin(); x = half ? TensorOps.HalfRelu(x) : TensorOps.Relu(x); Profiler.End(2, t);
        t = Profiler.Begin(); x = half ? TensorOps.HalfGemm(x, _fc) : TensorOps.Gemm(x, _fc); Profiler.End(3, t);
        t = Profiler.Begin(); x = half ? TensorOps.HalfAdd(x, _bias2) : TensorOps.Add(x, _bias2); Profiler.End(4, t);
        t = Profiler.Begin(); x = TensorOps.Softmax(x); Profiler.End(5, t);
        return x;
    }
}

/// <summary>A variant built from delegates, as the generated nested types are built from rewritten copies of Run.</summary>
internal sealed class DelegateVariant : BenchmarkVariant
{
    private readonly Func<Tensor, Tensor> _run;
    private readonly Func<int, Tensor> _input;

    public DelegateVariant(string benchmark, string name, KnobInfo? knob, IReadOnlyList<OpDescriptor> ops, Func<Tensor, Tensor> run,
        Func<int, Tensor>? input = null)
    {
        Benchmark = benchmark;
        Name = name;
        Knob = knob;
        Ops = ops;
        _run = run;
        _input = input ?? TinyNet.Input;
    }

    public override string Benchmark { get; }
    public override string Name { get; }
    public override KnobInfo? Knob { get; }
    public override IReadOnlyList<OpDescriptor> Ops { get; }
    public override Tensor Input(int batch) => _input(batch);
    public override Tensor Run(Tensor input) => _run(input);
}

/// <summary>A registry of TinyNet plus extra variants a test wants (a throwing one, a Total-mode one, …).</summary>
internal sealed class TestRegistry : IBenchmarkRegistry
{
    private static readonly string[] Fp32Ops = { "Convolution", "Add", "Relu", "Gemm", "Add" };

    public TestRegistry(params (string Name, Func<BenchmarkVariant> Create)[] extra)
    {
        var variants = new Dictionary<string, Func<BenchmarkVariant>>(StringComparer.Ordinal)
        {
            ["fp32_11"] = () => new DelegateVariant(TinyNet.Name, "fp32_11", TinyNet.Fp32, TinyNet.Ops(Fp32Ops), new TinyNet().RunFp32),
            ["fp16_12"] = () => new DelegateVariant(TinyNet.Name, "fp16_12", TinyNet.Fp16,
                TinyNet.Ops(new[] { "HalfConvolution", "HalfAdd", "HalfRelu", "HalfGemm", "HalfAdd" }), new TinyNet().RunFp16),
            ["perf_121"] = () => new DelegateVariant(TinyNet.Name, "perf_121", TinyNet.Perf121,
                TinyNet.Ops(new[] { "ConvApprox", "Add", "Relu", "Gemm", "Add" }), new TinyNet().RunPerf),
        };
        foreach (var (name, create) in extra) variants[name] = create;
        Benchmarks = new[]
        {
            new BenchmarkDescriptor(TinyNet.Name, true, TinyNet.Nodes, new[] { TinyNet.Fp32, TinyNet.Fp16, TinyNet.Perf121 },
                variants.Keys.ToArray(), name => variants[name](), CreateConfiguration),
        };
    }

    public IReadOnlyList<BenchmarkDescriptor> Benchmarks { get; }

    /// <summary>Configurations run fp32 everywhere except that a perf knob on node 1 perforates the conv.</summary>
    public List<IReadOnlyList<NodeKnob>> ConfigurationsCreated { get; } = new();

    private BenchmarkVariant CreateConfiguration(string name, IReadOnlyList<NodeKnob> knobs)
    {
        ConfigurationsCreated.Add(knobs);
        var net = new TinyNet();
        bool perf = knobs[0].ApproxType == "perf";
        return new DelegateVariant(TinyNet.Name, name, null,
            TinyNet.Ops(new[] { perf ? "ConvApprox" : "Convolution", "Add", "Relu", "Gemm", "Add" }), perf ? net.RunPerf : net.RunFp32);
    }
}
