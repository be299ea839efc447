namespace Knobs.Cuda;

/// <summary>Typed launches of the kernels in <see cref="KernelSource.HpvmApprox"/>, on the device's stream.</summary>
internal static unsafe class HpvmKernels
{
    private static string Suffix(bool half) => half ? "_f16" : "_f32";

    public static void FloatToHalf(CudaDevice d, ulong x, ulong y, long n)
    {
        void** a = stackalloc void*[3];
        a[0] = &x; a[1] = &y; a[2] = &n;
        d.Kernels.Launch("convert_f32_to_f16", n, a);
    }

    public static void HalfToFloat(CudaDevice d, ulong x, ulong y, long n)
    {
        void** a = stackalloc void*[3];
        a[0] = &x; a[1] = &y; a[2] = &n;
        d.Kernels.Launch("convert_f16_to_f32", n, a);
    }

    public static void CropPad(CudaDevice d, bool half, ulong src, ulong dst, int nc, int h, int w, int hd, int wd, int dy, int dx)
    {
        void** a = stackalloc void*[9];
        a[0] = &src; a[1] = &dst; a[2] = &nc; a[3] = &h; a[4] = &w; a[5] = &hd; a[6] = &wd; a[7] = &dy; a[8] = &dx;
        d.Kernels.Launch("crop_pad" + Suffix(half), (long)nc * hd * wd, a);
    }

    public static void AssemblePerforated(CudaDevice d, bool half, ulong reduced, ulong y, int nk, int oh, int ow, bool rows, int rate, int offset)
    {
        int r = rows ? 1 : 0;
        void** a = stackalloc void*[8];
        a[0] = &reduced; a[1] = &y; a[2] = &nk; a[3] = &oh; a[4] = &ow; a[5] = &r; a[6] = &rate; a[7] = &offset;
        d.Kernels.Launch("assemble_perforated" + Suffix(half), (long)nk * oh * ow, a);
    }

    public static void Im2ColSampled(CudaDevice d, bool half, ulong x, ulong kept, ulong cols, int n, int c, int h, int w, int kh, int kw,
        int ph, int pw, int sh, int sw, int oh, int ow, int rcount)
    {
        void** a = stackalloc void*[16];
        a[0] = &x; a[1] = &kept; a[2] = &cols; a[3] = &n; a[4] = &c; a[5] = &h; a[6] = &w; a[7] = &kh; a[8] = &kw;
        a[9] = &ph; a[10] = &pw; a[11] = &sh; a[12] = &sw; a[13] = &oh; a[14] = &ow; a[15] = &rcount;
        d.Kernels.Launch("im2col_sampled" + Suffix(half), (long)n * rcount * oh * ow, a);
    }

    public static void CompactFilter(CudaDevice d, bool half, ulong w, ulong kept, ulong wr, int k, int ckk, int rcount, float scale)
    {
        void** a = stackalloc void*[7];
        a[0] = &w; a[1] = &kept; a[2] = &wr; a[3] = &k; a[4] = &ckk; a[5] = &rcount;
        ushort scaleHalf = System.BitConverter.HalfToUInt16Bits((System.Half)scale);
        a[6] = half ? &scaleHalf : &scale;
        d.Kernels.Launch("compact_filter" + Suffix(half), (long)k * rcount, a);
    }
}
