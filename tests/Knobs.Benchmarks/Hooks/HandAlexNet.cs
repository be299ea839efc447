using Knobs.Runtime;
using Knobs.Tensors;
using TensorOps = Knobs.Tensors.Ops;

namespace Knobs.Benchmarks.Hooks;

/// <summary>
/// alexnet_cifar10 (tests/data/hpvm/NETWORKS.md: 5 conv, 1 dense, 21 ops in 7 nodes) written by hand twice: as the
/// generator emits it in PerTensor mode (every op between <see cref="Profiler.Begin"/> and <see cref="Profiler.End"/>)
/// and in Total mode (no hooks). Same weights, same ops: the time difference is the hooks' cost.
/// </summary>
internal sealed class HandAlexNet
{
    public const int OpCount = 21;

    private readonly Tensor _c1 = Tensor.Random(new[] { 64, 3, 11, 11 }, seed: 1), _b1 = Tensor.Random(new[] { 64 }, seed: 2);
    private readonly Tensor _c2 = Tensor.Random(new[] { 192, 64, 5, 5 }, seed: 3), _b2 = Tensor.Random(new[] { 192 }, seed: 4);
    private readonly Tensor _c3 = Tensor.Random(new[] { 384, 192, 3, 3 }, seed: 5), _b3 = Tensor.Random(new[] { 384 }, seed: 6);
    private readonly Tensor _c4 = Tensor.Random(new[] { 256, 384, 3, 3 }, seed: 7), _b4 = Tensor.Random(new[] { 256 }, seed: 8);
    private readonly Tensor _c5 = Tensor.Random(new[] { 256, 256, 3, 3 }, seed: 9), _b5 = Tensor.Random(new[] { 256 }, seed: 10);
    private readonly Tensor _d1 = Tensor.Random(new[] { 4096, 10 }, seed: 11), _db1 = Tensor.Random(new[] { 10 }, seed: 12);

    public static Tensor Input(int batch) => Tensor.Random(new[] { batch, 3, 32, 32 }, seed: 7);

    public Tensor RunTotal(Tensor x)
    {
        x = TensorOps.Convolution(x, _c1, 5, 5, 1, 1);
        x = TensorOps.Add(x, _b1);
        x = TensorOps.Tanh(x);
        x = TensorOps.Pooling(x, PoolKind.Max, 2, 2, 0, 0, 2, 2);
        x = TensorOps.Convolution(x, _c2, 2, 2, 1, 1);
        x = TensorOps.Add(x, _b2);
        x = TensorOps.Tanh(x);
        x = TensorOps.Pooling(x, PoolKind.Max, 2, 2, 0, 0, 2, 2);
        x = TensorOps.Convolution(x, _c3, 1, 1, 1, 1);
        x = TensorOps.Add(x, _b3);
        x = TensorOps.Tanh(x);
        x = TensorOps.Convolution(x, _c4, 1, 1, 1, 1);
        x = TensorOps.Add(x, _b4);
        x = TensorOps.Tanh(x);
        x = TensorOps.Convolution(x, _c5, 1, 1, 1, 1);
        x = TensorOps.Add(x, _b5);
        x = TensorOps.Tanh(x);
        x = TensorOps.Pooling(x, PoolKind.Max, 2, 2, 0, 0, 2, 2);
        x = TensorOps.Gemm(x, _d1);
        x = TensorOps.Add(x, _db1);
        return TensorOps.Softmax(x);
    }

    public Tensor RunPerTensor(Tensor x)
    {
        long t;
        t = Profiler.Begin(); x = TensorOps.Convolution(x, _c1, 5, 5, 1, 1); Profiler.End(0, t);
        t = Profiler.Begin(); x = TensorOps.Add(x, _b1); Profiler.End(1, t);
        t = Profiler.Begin(); x = TensorOps.Tanh(x); Profiler.End(2, t);
        t = Profiler.Begin(); x = TensorOps.Pooling(x, PoolKind.Max, 2, 2, 0, 0, 2, 2); Profiler.End(3, t);
        t = Profiler.Begin(); x = TensorOps.Convolution(x, _c2, 2, 2, 1, 1); Profiler.End(4, t);
        t = Profiler.Begin(); x = TensorOps.Add(x, _b2); Profiler.End(5, t);
        t = Profiler.Begin(); x = TensorOps.Tanh(x); Profiler.End(6, t);
        t = Profiler.Begin(); x = TensorOps.Pooling(x, PoolKind.Max, 2, 2, 0, 0, 2, 2); Profiler.End(7, t);
        t = Profiler.Begin(); x = TensorOps.Convolution(x, _c3, 1, 1, 1, 1); Profiler.End(8, t);
        t = Profiler.Begin(); x = TensorOps.Add(x, _b3); Profiler.End(9, t);
        t = Profiler.Begin(); x = TensorOps.Tanh(x); Profiler.End(10, t);
        t = Profiler.Begin(); x = TensorOps.Convolution(x, _c4, 1, 1, 1, 1); Profiler.End(11, t);
        t = Profiler.Begin(); x = TensorOps.Add(x, _b4); Profiler.End(12, t);
        t = Profiler.Begin(); x = TensorOps.Tanh(x); Profiler.End(13, t);
        t = Profiler.Begin(); x = TensorOps.Convolution(x, _c5, 1, 1, 1, 1); Profiler.End(14, t);
        t = Profiler.Begin(); x = TensorOps.Add(x, _b5); Profiler.End(15, t);
        t = Profiler.Begin(); x = TensorOps.Tanh(x); Profiler.End(16, t);
        t = Profiler.Begin(); x = TensorOps.Pooling(x, PoolKind.Max, 2, 2, 0, 0, 2, 2); Profiler.End(17, t);
        t = Profiler.Begin(); x = TensorOps.Gemm(x, _d1); Profiler.End(18, t);
        t = Profiler.Begin(); x = TensorOps.Add(x, _db1); Profiler.End(19, t);
        t = Profiler.Begin(); x = TensorOps.Softmax(x); Profiler.End(20, t);
        return x;
    }
}
