using System;
using Knobs.Cuda.Native;
using Knobs.Tensors;
using Knobs.Tensors.Backends;
using Knobs.Tensors.Backends.Reference;

namespace Knobs.Cuda.Tests;

/// <summary>The Cuda tensor backend: what it declares, its error without a GPU, and (on a GPU) ops against the Reference backend.</summary>
public sealed class CudaBackendTests
{
    [Fact]
    public void WithoutTheDriverCreatingTheBackendNamesTheMissingLibrary()
    {
        if (GpuFactAttribute.Missing is null) return; // a GPU machine: the backend starts (the GPU tests below cover it)
        if (CudaNativeLibraries.IsAvailable(CudaLibrary.Driver)) return; // a driver without a usable device: another error
        var e = Assert.Throws<CudaLibraryNotFoundException>(() => new CudaBackend());
        Assert.Contains("libcuda.so.1", e.Message);
        Assert.Contains("KNOBS_CUDA_LIB_DIR", e.Message);
    }

    [Fact]
    public void RegisteringMakesCudaABackendNameWithoutOpeningTheGpu()
    {
        CudaBackend.Register();
        Assert.True(Backend.IsRegistered("cuda"));
        Assert.Contains("Cuda", Backend.Names);
    }

    [GpuFact]
    public void OnTheGpuANetworkOfOpsMatchesTheReferenceBackendAndStaysInGpuMemory()
    {
        using var gpu = new CudaBackend();
        Assert.Equal(new BackendCapabilities(NativeHalf: true, FusedEpilogues: false, DeviceMemory: true), gpu.Capabilities);
        using Tensor x = Tensor.Random([2, 3, 16, 16], 1), w = Tensor.Random([8, 3, 3, 3], 2), b = Tensor.Random([8], 3), fc = Tensor.Random([512, 10], 4);
        Func<Tensor> net = () => Ops.Softmax(Ops.Gemm(Ops.Flatten(Ops.Pooling(Ops.Relu(Ops.Add(Ops.ConvApprox(x, w, 1, 1, 1, 1, 2, 1, 1, 0), b)),
            PoolKind.Max, 2, 2, 0, 0, 2, 2)), fc));
        float[] expected;
        using (Backend.OnThisThread(new ReferenceBackend())) expected = net().ToArray();
        float[] actual;
        using (Backend.OnThisThread(gpu))
        {
            Tensor y = net();
            Assert.True(y.IsOnDeviceOnly);
            actual = y.ToArray();
        }
        for (int i = 0; i < expected.Length; i++) Assert.True(Math.Abs(actual[i] - expected[i]) <= 1e-5, $"element {i}: {actual[i]} vs {expected[i]}");
    }
}
