using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using Knobs.Cuda.Native;

namespace Knobs.Cuda;

/// <summary>
/// The HPVM kernels loaded into one device's context. NVRTC compiles <see cref="KernelSource.HpvmApprox"/> for the device's
/// architecture once per process (a CUBIN when NVRTC knows the architecture, else PTX for the newest one it knows, which
/// the driver JIT-compiles); the image is cached per architecture and each device loads it once.
/// </summary>
internal sealed unsafe class KernelModule : IDisposable
{
    private const int BlockSize = 256;
    private static readonly ConcurrentDictionary<int, (byte[] Image, string Target)> Images = new();
    private readonly CudaDevice _device;
    private readonly Dictionary<string, nint> _functions = [];
    private readonly int _maxBlocks;
    private nint _module;

    private KernelModule(CudaDevice device, nint module)
    {
        _device = device;
        _module = module;
        _maxBlocks = device.Multiprocessors * 32;
    }

    /// <summary>The NVRTC target the image was built for (e.g. "sm_90").</summary>
    public string Target { get; private init; } = "";

    public static KernelModule Load(CudaDevice device)
    {
        int arch = device.ComputeCapability.Major * 10 + device.ComputeCapability.Minor;
        var (image, target) = Images.GetOrAdd(arch, Compile);
        device.MakeCurrent();
        nint module;
        fixed (byte* p = image) CuDriver.Check(CuDriver.cuModuleLoadData(out module, p));
        return new KernelModule(device, module) { Target = target };
    }

    /// <summary>Compiles the kernels for compute capability <paramref name="arch"/> (major·10 + minor).</summary>
    internal static (byte[] Image, string Target) Compile(int arch)
    {
        CudaNativeLibraries.Ensure(CudaLibrary.Nvrtc);
        Nvrtc.Check(Nvrtc.nvrtcGetNumSupportedArchs(out int count));
        int[] archs = new int[count];
        fixed (int* a = archs) Nvrtc.Check(Nvrtc.nvrtcGetSupportedArchs(a));
        int[] usable = archs.Where(a => a <= arch).ToArray();
        if (usable.Length == 0)
            throw new CudaException(CudaLibrary.Nvrtc, "nvrtcGetSupportedArchs", 0,
                $"this NVRTC supports compute capabilities {string.Join(", ", archs)}, none at or below the device's {arch}");
        int best = usable.Max();
        bool cubin = best == arch;
        string target = (cubin ? "sm_" : "compute_") + best.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string source = KernelSource.Read(KernelSource.HpvmApprox);

        byte[] src = Utf8Z(source), name = Utf8Z(KernelSource.HpvmApprox);
        nint program;
        fixed (byte* s = src, n = name) Nvrtc.Check(Nvrtc.nvrtcCreateProgram(out program, s, n, 0, null, null));
        try
        {
            string[] options = ["--gpu-architecture=" + target, "--std=c++17"];
            byte[][] encoded = options.Select(Utf8Z).ToArray();
            var handles = encoded.Select(e => GCHandle.Alloc(e, GCHandleType.Pinned)).ToArray();
            try
            {
                byte** opts = stackalloc byte*[encoded.Length];
                for (int i = 0; i < encoded.Length; i++) opts[i] = (byte*)handles[i].AddrOfPinnedObject();
                int status = Nvrtc.nvrtcCompileProgram(program, encoded.Length, opts);
                Nvrtc.Check(status, "nvrtcCompileProgram", status == 0 ? null : $"NVRTC log ({target}):{Environment.NewLine}{Log(program)}");
            }
            finally
            {
                foreach (var h in handles) h.Free();
            }
            byte[] image;
            if (cubin)
            {
                Nvrtc.Check(Nvrtc.nvrtcGetCUBINSize(program, out nuint size));
                image = new byte[size];
                fixed (byte* i = image) Nvrtc.Check(Nvrtc.nvrtcGetCUBIN(program, i));
            }
            else
            {
                Nvrtc.Check(Nvrtc.nvrtcGetPTXSize(program, out nuint size));
                image = new byte[size];
                fixed (byte* i = image) Nvrtc.Check(Nvrtc.nvrtcGetPTX(program, i));
            }
            return (image, target);
        }
        finally
        {
            Nvrtc.nvrtcDestroyProgram(ref program);
        }
    }

    private static string Log(nint program)
    {
        if (Nvrtc.nvrtcGetProgramLogSize(program, out nuint size) != 0 || size == 0) return "(no log)";
        byte[] log = new byte[size];
        fixed (byte* l = log) Nvrtc.nvrtcGetProgramLog(program, l);
        return Encoding.UTF8.GetString(log, 0, Math.Max(0, (int)size - 1));
    }

    private static byte[] Utf8Z(string text) => Encoding.UTF8.GetBytes(text + "\0");

    /// <summary>Launches <paramref name="name"/> over <paramref name="work"/> items (grid-stride kernels) on the device's stream.</summary>
    public void Launch(string name, long work, void** args)
    {
        if (work <= 0) return;
        nint fn = Function(name);
        long blocks = Math.Min((work + BlockSize - 1) / BlockSize, _maxBlocks);
        CuDriver.Check(CuDriver.cuLaunchKernel(fn, (uint)blocks, 1, 1, BlockSize, 1, 1, 0, _device.Stream, args, null), "cuLaunchKernel " + name);
    }

    private nint Function(string name)
    {
        if (_functions.TryGetValue(name, out nint fn)) return fn;
        byte[] n = Utf8Z(name);
        fixed (byte* p = n) CuDriver.Check(CuDriver.cuModuleGetFunction(out fn, _module, p), "cuModuleGetFunction " + name);
        _functions[name] = fn;
        return fn;
    }

    public void Dispose()
    {
        if (_module == 0) return;
        CuDriver.cuModuleUnload(_module);
        _module = 0;
    }
}
