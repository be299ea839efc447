using System;
using System.Runtime.InteropServices;
using Knobs.Cuda.Native;

namespace Knobs.Cuda;

/// <summary>
/// One GPU, opened through the driver API: its primary context, one non-blocking stream, and cuBLAS and cuDNN handles
/// bound to that stream. All work this device issues is asynchronous on <see cref="Stream"/>.
/// </summary>
public sealed unsafe class CudaDevice : IDisposable
{
    private nint _context;
    private nint _stream;
    private nint _cublas;
    private nint _cudnn;
    private KernelModule? _kernels;

    private CudaDevice(int ordinal)
    {
        Ordinal = ordinal;
        CuDriver.Check(CuDriver.cuDeviceGet(out int device, ordinal));
        Handle = device;
        byte* name = stackalloc byte[256];
        CuDriver.Check(CuDriver.cuDeviceGetName(name, 256, device));
        Name = Marshal.PtrToStringUTF8((nint)name) ?? "";
        byte* bus = stackalloc byte[64];
        CuDriver.Check(CuDriver.cuDeviceGetPCIBusId(bus, 64, device));
        PciBusId = Marshal.PtrToStringUTF8((nint)bus) ?? "";
        CuDriver.Check(CuDriver.cuDeviceGetAttribute(out int major, CuDriver.DeviceAttributeComputeCapabilityMajor, device));
        CuDriver.Check(CuDriver.cuDeviceGetAttribute(out int minor, CuDriver.DeviceAttributeComputeCapabilityMinor, device));
        CuDriver.Check(CuDriver.cuDeviceGetAttribute(out int sms, CuDriver.DeviceAttributeMultiprocessorCount, device));
        CuDriver.Check(CuDriver.cuDeviceTotalMem(out nuint total, device));
        ComputeCapability = (major, minor);
        Multiprocessors = sms;
        TotalMemory = (long)total;
        CuDriver.Check(CuDriver.cuDevicePrimaryCtxRetain(out _context, device));
        MakeCurrent();
        CuDriver.Check(CuDriver.cuStreamCreate(out _stream, CuDriver.StreamNonBlocking));
    }

    /// <summary>
    /// Opens GPU <paramref name="ordinal"/>. <paramref name="libraryFolder"/> is searched before the usual places for the
    /// CUDA libraries (see <see cref="LibraryLocator"/>).
    /// </summary>
    /// <exception cref="CudaLibraryNotFoundException">libcuda.so.1 is not installed.</exception>
    /// <exception cref="CudaException">The driver has no such device or cannot initialise.</exception>
    public static CudaDevice Open(int ordinal = 0, string? libraryFolder = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ordinal);
        if (libraryFolder is not null) CudaNativeLibraries.UseFolder(libraryFolder);
        CudaNativeLibraries.Ensure(CudaLibrary.Driver);
        CuDriver.Check(CuDriver.cuInit(0));
        CuDriver.Check(CuDriver.cuDeviceGetCount(out int count));
        if (ordinal >= count) throw new ArgumentOutOfRangeException(nameof(ordinal), ordinal, $"The driver sees {count} CUDA device(s).");
        return new CudaDevice(ordinal);
    }

    /// <summary>The ordinal the device was opened with.</summary>
    public int Ordinal { get; }

    /// <summary>The device's name, as the driver reports it.</summary>
    public string Name { get; }

    /// <summary>The PCI bus id (matches the device to NVML's).</summary>
    public string PciBusId { get; }

    /// <summary>Compute capability (9, 0 for an H100).</summary>
    public (int Major, int Minor) ComputeCapability { get; }

    /// <summary>Streaming multiprocessors.</summary>
    public int Multiprocessors { get; }

    /// <summary>Device memory in bytes.</summary>
    public long TotalMemory { get; }

    /// <summary>The CUDA driver's version (e.g. 13000 for 13.0).</summary>
    public static int DriverVersion
    {
        get
        {
            CudaNativeLibraries.Ensure(CudaLibrary.Driver);
            CuDriver.Check(CuDriver.cuDriverGetVersion(out int v));
            return v;
        }
    }

    /// <summary>The stream all of this device's work goes to (CUstream).</summary>
    public nint Stream => _stream != 0 ? _stream : throw new ObjectDisposedException(nameof(CudaDevice));

    internal int Handle { get; }

    internal bool IsOpen => _context != 0;

    /// <summary>The cuBLAS handle on <see cref="Stream"/>, math mode CUBLAS_DEFAULT_MATH (fp32 GEMMs stay fp32).</summary>
    internal nint Cublas
    {
        get
        {
            if (_cublas != 0) return _cublas;
            CudaNativeLibraries.Ensure(CudaLibrary.Cublas);
            MakeCurrent();
            Native.Cublas.Check(Native.Cublas.cublasCreate(out nint h));
            Native.Cublas.Check(Native.Cublas.cublasSetStream(h, Stream));
            Native.Cublas.Check(Native.Cublas.cublasSetMathMode(h, Native.Cublas.DefaultMath));
            return _cublas = h;
        }
    }

    /// <summary>The cuDNN handle on <see cref="Stream"/>.</summary>
    internal nint Cudnn
    {
        get
        {
            if (_cudnn != 0) return _cudnn;
            CudaNativeLibraries.Ensure(CudaLibrary.Cudnn);
            MakeCurrent();
            Native.Cudnn.Check(Native.Cudnn.cudnnCreate(out nint h));
            Native.Cudnn.Check(Native.Cudnn.cudnnSetStream(h, Stream));
            return _cudnn = h;
        }
    }

    /// <summary>The HPVM kernels, compiled with NVRTC for this device on first use (the compiled image is cached per architecture).</summary>
    internal KernelModule Kernels => _kernels ??= KernelModule.Load(this);

    /// <summary>Allocates <paramref name="bytes"/> of device memory.</summary>
    public DeviceBuffer Allocate(long bytes) => new(this, bytes);

    /// <summary>A new event on this device's stream.</summary>
    public CudaEvent CreateEvent() => new(this);

    /// <summary>Waits for this device's stream (not the whole device).</summary>
    public void Synchronize()
    {
        MakeCurrent();
        CuDriver.Check(CuDriver.cuStreamSynchronize(Stream));
    }

    /// <summary>Makes the device's context current on the calling thread.</summary>
    internal void MakeCurrent()
    {
        if (_context == 0) throw new ObjectDisposedException(nameof(CudaDevice));
        CuDriver.Check(CuDriver.cuCtxSetCurrent(_context));
    }

    internal bool TryMakeCurrent() => _context != 0 && CuDriver.cuCtxSetCurrent(_context) == 0;

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_context == 0) return;
        MakeCurrent();
        CuDriver.cuStreamSynchronize(_stream);
        _kernels?.Dispose();
        if (_cudnn != 0) Native.Cudnn.cudnnDestroy(_cudnn);
        if (_cublas != 0) Native.Cublas.cublasDestroy(_cublas);
        CuDriver.cuStreamDestroy(_stream);
        CuDriver.cuDevicePrimaryCtxRelease(Handle);
        _stream = 0;
        _context = 0;
    }
}
