using System;
using System.Collections.Generic;
using System.Globalization;
using Knobs.Cuda.Convolution;
using Knobs.Cuda.Native;
using Knobs.Cuda.Nvml;
using Knobs.Tensors;
using Knobs.Tensors.Backends;

namespace Knobs.Cuda;

/// <summary>
/// The tensor backend of one NVIDIA GPU (<c>KNOBS_BACKEND=Cuda</c>): tensors live in GPU memory, ops are queued on one
/// stream and timed with CUDA events. Convolutions run through cuDNN 9 and HPVM's approximate kernels
/// (<see cref="CudaConvolution"/>), fully connected layers through cuBLAS, the other ops through the NVRTC-compiled
/// kernels of <c>Kernels/hpvm_approx.cu</c>. fp32 is fp32 (no TF32); Half ops compute in half (docs/gpu.md says where a
/// formula is evaluated in fp32 and rounded once). The host-span kernels of <see cref="IBackend"/> are not written: ops
/// use <see cref="IDeviceKernels"/>, and a caller of a span kernel gets a <see cref="MissingKernelException"/>.
/// </summary>
public sealed unsafe class CudaBackend : BackendBase, IDeviceKernels, IDeviceDescription, IDisposable
{
    private readonly CudaDevice _device;
    private readonly bool _ownsDevice;
    private readonly DeviceMemoryPool _pool;
    private readonly CudaConvolution _convolution;
    private readonly CudaEventTimer _timer;

    /// <summary>The backend of GPU <paramref name="ordinal"/> (the libraries are found as docs/gpu.md says).</summary>
    public CudaBackend(int ordinal = 0) : this(CudaDevice.Open(ordinal), ownsDevice: true)
    {
    }

    /// <summary>The backend of an opened <paramref name="device"/> (left open on dispose).</summary>
    public CudaBackend(CudaDevice device) : this(device, ownsDevice: false)
    {
    }

    private CudaBackend(CudaDevice device, bool ownsDevice)
    {
        ArgumentNullException.ThrowIfNull(device);
        _device = device;
        _ownsDevice = ownsDevice;
        _pool = new DeviceMemoryPool(device);
        _convolution = new CudaConvolution(device);
        if (Environment.GetEnvironmentVariable(TracePlansVariable) is "1" or "true")
            _convolution.PlanMade = line => Console.Error.WriteLine("cuda plan: " + line);
        _timer = new CudaEventTimer(device);
        Storage = new StorageDomain("cuda:" + device.Ordinal.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Set to 1 to print each convolution plan the backend makes (its cuDNN algorithm, timed when chosen) to stderr.</summary>
    public const string TracePlansVariable = "KNOBS_CUDA_TRACE_PLANS";

    /// <summary>The name <c>KNOBS_BACKEND</c> selects it by.</summary>
    public const string BackendName = "Cuda";

    /// <inheritdoc/>
    public override string Name => BackendName;

    /// <inheritdoc/>
    public override BackendCapabilities Capabilities { get; } = new(NativeHalf: true, FusedEpilogues: false, DeviceMemory: true);

    /// <inheritdoc/>
    public override StorageDomain Storage { get; }

    /// <inheritdoc/>
    public override OpTimer Timer => _timer;

    /// <summary>The GPU.</summary>
    public CudaDevice Device => _device;

    /// <summary>Registers this backend as <c>Cuda</c> with <see cref="Knobs.Tensors.Backends.Backend"/> (the GPU is opened when it is created).</summary>
    public static void Register() => Tensors.Backends.Backend.Register(BackendName, () => new CudaBackend());

    // ---- IDeviceDescription --------------------------------------------------------------------------------------

    string IDeviceDescription.Kind => "gpu";

    string IDeviceDescription.Model => _device.Name;

    /// <summary>The GPU as a profile records it: SMs, memory, compute capability, driver, clocks, power limit, throttle reasons.</summary>
    public IReadOnlyDictionary<string, string> DescribeDevice()
    {
        var p = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["backend"] = BackendName,
            ["sms"] = I(_device.Multiprocessors),
            ["memoryBytes"] = _device.TotalMemory.ToString(CultureInfo.InvariantCulture),
            ["computeCapability"] = I(_device.ComputeCapability.Major) + "." + I(_device.ComputeCapability.Minor),
            ["pciBusId"] = _device.PciBusId,
            ["cudaDriver"] = I(CudaDevice.DriverVersion),
        };
        try
        {
            using NvmlDevice nvml = NvmlDevice.Open(_device.PciBusId);
            GpuInfo info = nvml.ReadInfo();
            p["driver"] = info.DriverVersion;
            p["smClockMHz"] = U(info.SmClockMHz);
            p["smClockMaxMHz"] = U(info.SmClockMaxMHz);
            p["memClockMHz"] = U(info.MemoryClockMHz);
            p["memClockMaxMHz"] = U(info.MemoryClockMaxMHz);
            p["powerLimitW"] = info.PowerLimitWatts?.ToString("0.###", CultureInfo.InvariantCulture) ?? "unknown";
            p["temperatureC"] = U(info.TemperatureC);
            p["throttleReasons"] = info.Throttle?.ToString() ?? "unknown";
        }
        catch (Exception e) when (e is CudaException or CudaLibraryNotFoundException)
        {
            p["nvml"] = "not available: " + e.Message.Split('\n')[0];
        }
        return p;
    }

    private static string I(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static string U(uint? v) => v?.ToString(CultureInfo.InvariantCulture) ?? "unknown";

    // ---- IDeviceKernels ------------------------------------------------------------------------------------------

    /// <inheritdoc/>
    public DeviceValues Allocate(DType dtype, int length) => new CudaValues(Storage, dtype, length, _pool);

    /// <inheritdoc/>
    public DeviceValues Upload(ReadOnlySpan<float> values)
    {
        var v = new CudaValues(Storage, DType.Float32, values.Length, _pool);
        v.Buffer.Upload(values);
        return v;
    }

    /// <inheritdoc/>
    public DeviceValues Upload(ReadOnlySpan<Half> values)
    {
        var v = new CudaValues(Storage, DType.Float16, values.Length, _pool);
        v.Buffer.Upload(values);
        return v;
    }

    /// <inheritdoc/>
    public void Synchronize() => _device.Synchronize();

    /// <inheritdoc/>
    public void Convert(DeviceValues x, DeviceValues y)
    {
        SameLength(x, y);
        if (x.DType == y.DType) Copy(x, y);
        else if (y.DType == DType.Float16) CudaConvert.FloatToHalf(_device, V(x).Buffer, V(y).Buffer, x.Length);
        else CudaConvert.HalfToFloat(_device, V(x).Buffer, V(y).Buffer, x.Length);
    }

    /// <inheritdoc/>
    public void Copy(DeviceValues x, DeviceValues y)
    {
        SameLength(x, y);
        if (x.DType != y.DType) throw new ArgumentException($"Copy needs one dtype; got {x.DType} and {y.DType}.");
        _device.MakeCurrent();
        CuDriver.Check(CuDriver.cuMemcpyDtoDAsync(P(y), P(x), (nuint)x.Bytes, _device.Stream));
    }

    /// <inheritdoc/>
    public void Convolution(in ConvShape s, in ConvApproxParams a, DeviceValues x, DeviceValues w, DeviceValues y)
    {
        CudaPrecision precision = Precision(x, w, y);
        _convolution.Forward(s, a, precision, V(x).Buffer, V(w).Buffer, V(y).Buffer);
    }

    /// <inheritdoc/>
    public void Gemm(int m, int n, int k, DeviceValues a, DeviceValues b, DeviceValues c)
    {
        bool half = Precision(a, b, c) == CudaPrecision.Float16;
        _device.MakeCurrent();
        nint handle = _device.Cublas;
        float one = 1f, zero = 0f;
        // Row-major c[m,n] = a[m,k]·b[k,n] is column-major cᵀ[n,m] = bᵀ[n,k]·aᵀ[k,m]: the operands swap, no transposes.
        if (!half)
            Cublas.Check(Cublas.cublasSgemm(handle, Cublas.OpN, Cublas.OpN, n, m, k, &one, P(b), n, P(a), k, &zero, P(c), n));
        else
            Cublas.Check(Cublas.cublasGemmEx(handle, Cublas.OpN, Cublas.OpN, n, m, k, &one, P(b), Cublas.DataR16F, n, P(a), Cublas.DataR16F, k,
                &zero, P(c), Cublas.DataR16F, n, Cublas.Compute32F, Cublas.GemmDefault));
    }

    /// <inheritdoc/>
    public void Add(DeviceValues x, DeviceValues y, DeviceValues z)
    {
        SameLength(x, y);
        SameLength(x, z);
        ulong a = P(x), b = P(y), c = P(z);
        long n = z.Length;
        void** args = stackalloc void*[4];
        args[0] = &a; args[1] = &b; args[2] = &c; args[3] = &n;
        Launch("add", Precision(x, y, z), n, args);
    }

    /// <inheritdoc/>
    public void AddBias(int n, int c, int hw, DeviceValues x, DeviceValues bias, DeviceValues y)
    {
        SameLength(x, y);
        ulong a = P(x), b = P(bias), d = P(y);
        long total = y.Length;
        void** args = stackalloc void*[6];
        args[0] = &a; args[1] = &b; args[2] = &d; args[3] = &c; args[4] = &hw; args[5] = &total;
        Launch("add_bias", Precision(x, bias, y), total, args);
    }

    /// <inheritdoc/>
    public void Relu(DeviceValues x, DeviceValues y) => UnaryKernel("relu", x, y);

    /// <inheritdoc/>
    public void Tanh(DeviceValues x, DeviceValues y) => UnaryKernel("tanh", x, y);

    /// <inheritdoc/>
    public void ClippedRelu(DeviceValues x, float max, DeviceValues y)
    {
        SameLength(x, y);
        ulong a = P(x), b = P(y);
        long n = y.Length;
        void** args = stackalloc void*[4];
        args[0] = &a; args[1] = &b; args[2] = &max; args[3] = &n;
        Launch("clipped_relu", Precision(x, y, y), n, args);
    }

    /// <inheritdoc/>
    public void Pooling(in PoolShape s, PoolKind kind, DeviceValues x, DeviceValues y)
    {
        int k = kind switch { PoolKind.Max => 0, PoolKind.Mean => 1, PoolKind.Min => 2, _ => throw new ArgumentOutOfRangeException(nameof(kind)) };
        ulong a = P(x), b = P(y);
        int h = s.H, w = s.W, oh = s.OutH, ow = s.OutW, wh = s.WinH, ww = s.WinW, ph = s.PadH, pw = s.PadW, sh = s.StrideH, sw = s.StrideW;
        long n = (long)s.N * s.C * oh * ow;
        void** args = stackalloc void*[14];
        args[0] = &a; args[1] = &b; args[2] = &k; args[3] = &h; args[4] = &w; args[5] = &oh; args[6] = &ow;
        args[7] = &wh; args[8] = &ww; args[9] = &ph; args[10] = &pw; args[11] = &sh; args[12] = &sw; args[13] = &n;
        Launch("pool", Precision(x, y, y), n, args);
    }

    /// <inheritdoc/>
    public void BatchNorm(int n, int c, int hw, DeviceValues x, DeviceValues gamma, DeviceValues beta, DeviceValues mean, DeviceValues variance,
        float eps, DeviceValues y)
    {
        SameLength(x, y);
        CudaPrecision precision = Precision(x, gamma, y);
        Precision(beta, mean, variance);
        ulong px = P(x), pg = P(gamma), pb = P(beta), pm = P(mean), pv = P(variance), py = P(y);
        long total = y.Length;
        void** args = stackalloc void*[10];
        args[0] = &px; args[1] = &pg; args[2] = &pb; args[3] = &pm; args[4] = &pv; args[5] = &py;
        args[6] = &c; args[7] = &hw; args[8] = &eps; args[9] = &total;
        Launch("batch_norm", precision, total, args);
    }

    /// <inheritdoc/>
    public void Softmax(int rows, int cols, DeviceValues x, DeviceValues y)
    {
        if (x.DType != DType.Float32 || y.DType != DType.Float32) throw new ArgumentException("Softmax runs in fp32.");
        ulong a = P(x), b = P(y);
        void** args = stackalloc void*[4];
        args[0] = &a; args[1] = &b; args[2] = &rows; args[3] = &cols;
        _device.MakeCurrent();
        _device.Kernels.Launch("softmax_f32", rows, args);
    }

    private void UnaryKernel(string name, DeviceValues x, DeviceValues y)
    {
        SameLength(x, y);
        ulong a = P(x), b = P(y);
        long n = y.Length;
        void** args = stackalloc void*[3];
        args[0] = &a; args[1] = &b; args[2] = &n;
        Launch(name, Precision(x, y, y), n, args);
    }

    // The context is made current first, as the convolution and GEMM paths do: it is per thread.
    private void Launch(string name, CudaPrecision precision, long work, void** args)
    {
        _device.MakeCurrent();
        _device.Kernels.Launch(name + (precision == CudaPrecision.Float16 ? "_f16" : "_f32"), work, args);
    }

    private CudaValues V(DeviceValues v) =>
        v is CudaValues c && ReferenceEquals(c.Domain, Storage) ? c : throw new ArgumentException($"Values in {v.Domain} are not this GPU's ({Storage}).");

    private ulong P(DeviceValues v) => V(v).Pointer;

    private static void SameLength(DeviceValues x, DeviceValues y)
    {
        if (x.Length != y.Length) throw new ArgumentException($"Lengths differ: {x.Length} and {y.Length}.");
    }

    // The operands' one dtype as the kernels' precision.
    private static CudaPrecision Precision(DeviceValues a, DeviceValues b, DeviceValues c)
    {
        if (a.DType != b.DType || a.DType != c.DType)
            throw new ArgumentException($"Operands of one op share a dtype; got {a.DType}, {b.DType}, {c.DType}.");
        return a.DType == DType.Float16 ? CudaPrecision.Float16 : CudaPrecision.Float32;
    }

    /// <summary>Waits for the GPU, then frees the pooled memory, the convolution plans and (if it opened it) the device.</summary>
    public void Dispose()
    {
        _device.Synchronize();
        _convolution.Dispose();
        _pool.Clear();
        if (_ownsDevice) _device.Dispose();
    }
}
