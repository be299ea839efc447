using System.IO;
using System.Reflection;

namespace Knobs.Cuda;

/// <summary>The CUDA C sources embedded in this assembly (Kernels/*.cu), compiled at run time with NVRTC.</summary>
public static class KernelSource
{
    /// <summary>The HPVM approximation kernels: perforation (crop/pad, assemble with interpolation), filter sampling, conversions.</summary>
    public const string HpvmApprox = "hpvm_approx.cu";

    /// <summary>Every kernel entry point the backend launches (each must be defined by <see cref="HpvmApprox"/>).</summary>
    public static string[] EntryPoints { get; } =
    [
        "convert_f32_to_f16", "convert_f16_to_f32",
        "crop_pad_f32", "crop_pad_f16",
        "assemble_perforated_f32", "assemble_perforated_f16",
        "im2col_sampled_f32", "im2col_sampled_f16",
        "compact_filter_f32", "compact_filter_f16",
    ];

    /// <summary>The text of embedded source <paramref name="name"/>.</summary>
    public static string Read(string name)
    {
        using Stream? stream = typeof(KernelSource).Assembly.GetManifestResourceStream("Knobs.Cuda.Kernels." + name)
            ?? throw new FileNotFoundException($"Kernel source {name} is not embedded in {typeof(KernelSource).Assembly.GetName().Name}.", name);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
