// HPVM's approximate-convolution kernels for Knobs' CUDA backend, compiled at run time with NVRTC.
// Semantics: docs/tensors.md ("Approximate convolution") and src/Knobs.Tensors/Backends/{Perforation,FilterSampling}.cs, which the CPU
// Reference backend implements; every kernel exists in an fp32 (_f32) and an fp16 (_f16) form.
//
// fp16 is real half arithmetic: values are IEEE binary16 bit patterns and the adds/multiplies are the hardware's
// add.rn.f16 / mul.rn.f16 (what cuda_fp16.h's __hadd/__hmul compile to), written as inline PTX so that the kernels
// need no CUDA include folder at run time (a Python wheel's NVRTC has none).

typedef unsigned short half_bits;
typedef long long i64;

__device__ __forceinline__ half_bits h_from_float(float f) { half_bits r; asm("cvt.rn.f16.f32 %0, %1;" : "=h"(r) : "f"(f)); return r; }
__device__ __forceinline__ float h_to_float(half_bits h) { float f; asm("cvt.f32.f16 %0, %1;" : "=f"(f) : "h"(h)); return f; }
__device__ __forceinline__ half_bits h_add(half_bits a, half_bits b) { half_bits r; asm("add.rn.f16 %0, %1, %2;" : "=h"(r) : "h"(a), "h"(b)); return r; }
__device__ __forceinline__ half_bits h_mul(half_bits a, half_bits b) { half_bits r; asm("mul.rn.f16 %0, %1, %2;" : "=h"(r) : "h"(a), "h"(b)); return r; }

#define GRID_STRIDE(i, n) for (i64 i = (i64)blockIdx.x * blockDim.x + threadIdx.x; i < (n); i += (i64)gridDim.x * blockDim.x)

// ---- precision conversions (the f2h / h2f events) -------------------------------------------------------------
extern "C" __global__ void convert_f32_to_f16(const float* __restrict__ x, half_bits* __restrict__ y, i64 n)
{
    GRID_STRIDE(i, n) y[i] = h_from_float(x[i]);
}

extern "C" __global__ void convert_f16_to_f32(const half_bits* __restrict__ x, float* __restrict__ y, i64 n)
{
    GRID_STRIDE(i, n) y[i] = h_to_float(x[i]);
}

// ---- precision-specific arithmetic ------------------------------------------------------------------------------
#define T_f32 float
#define ZERO_f32 0.0f
#define MUL_f32(a, b) ((a) * (b))
// Perforation's mean of two computed neighbours, as the CPU reference: (a + b) / 2.
#define MEAN_f32(a, b) (((a) + (b)) / 2.0f)

#define T_f16 half_bits
#define ZERO_f16 ((half_bits)0)
#define MUL_f16(a, b) h_mul((a), (b))
// 0x3800 is 0.5 in binary16: halving is exact, so this is (a + b) / 2 rounded once, in half.
#define MEAN_f16(a, b) h_mul(h_add((a), (b)), (half_bits)0x3800)

// Perforation bookkeeping shared by both precisions. The computed lines of a perforated dimension of length L
// (rate r, offset o) are stored as "progressions", each a dense block produced by one strided convolution:
// progression 0 holds the lines t < o (count min(o, L)), progression q (1 <= q < r) holds t = o + q + k*r.
__device__ __forceinline__ int progression_count(int L, int rate, int offset, int q)
{
    if (q == 0) return offset < L ? offset : L;
    int first = offset + q;
    return first < L ? (L - 1 - first) / rate + 1 : 0;
}

// Where computed line l lives: the number of lines stored before its progression, its progression's count, its index there.
__device__ __forceinline__ void locate_line(int l, int L, int rate, int offset, int* before, int* count, int* index)
{
    if (l < offset) { *before = 0; *count = progression_count(L, rate, offset, 0); *index = l; return; }
    int q = (l - offset) % rate;
    int b = progression_count(L, rate, offset, 0);
    for (int p = 1; p < q; p++) b += progression_count(L, rate, offset, p);
    *before = b;
    *count = progression_count(L, rate, offset, q);
    *index = (l - offset - q) / rate;
}

#define DEFINE_KERNELS(S)                                                                                                   \
/* dst [NC, Hd, Wd] = src [NC, H, W] shifted by (dy, dx), zero outside: the zero-padded window one strided        */      \
/* convolution of a perforated layer reads, so every cuDNN descriptor stays fully packed.                       */      \
extern "C" __global__ void crop_pad_##S(const T_##S* __restrict__ src, T_##S* __restrict__ dst, int nc, int h, int w,    \
                                        int hd, int wd, int dy, int dx)                                                  \
{                                                                                                                        \
    i64 total = (i64)nc * hd * wd;                                                                                       \
    GRID_STRIDE(i, total)                                                                                                \
    {                                                                                                                    \
        int x = (int)(i % wd);                                                                                           \
        i64 r = i / wd;                                                                                                  \
        int y = (int)(r % hd);                                                                                           \
        i64 plane = r / hd;                                                                                              \
        int sy = y + dy, sx = x + dx;                                                                                    \
        dst[i] = (sy >= 0 && sy < h && sx >= 0 && sx < w) ? src[(plane * h + sy) * w + sx] : ZERO_##S;                  \
    }                                                                                                                    \
}                                                                                                                        \
                                                                                                                         \
/* y [NK, OH, OW] from the computed lines (progression blocks in `reduced`), skipped lines filled in HPVM's order:  */  \
/* the last line copies the one before, line 0 copies line 1, any other is the mean of its neighbours.            */  \
extern "C" __global__ void assemble_perforated_##S(const T_##S* __restrict__ reduced, T_##S* __restrict__ out, int nk,    \
                                                   int oh, int ow, int rows, int rate, int offset)                       \
{                                                                                                                        \
    i64 total = (i64)nk * oh * ow;                                                                                       \
    int L = rows ? oh : ow;                                                                                              \
    GRID_STRIDE(i, total)                                                                                                \
    {                                                                                                                    \
        int u = (int)(i % ow);                                                                                           \
        i64 r = i / ow;                                                                                                  \
        int t = (int)(r % oh);                                                                                           \
        i64 plane = r / oh;                                                                                              \
        int line = rows ? t : u;                                                                                         \
        int a, b;                                                                                                        \
        bool skipped = line >= offset && (line - offset) % rate == 0;                                                    \
        if (!skipped) { a = line; b = -1; }                                                                              \
        else if (line == L - 1) { a = L - 2; b = -1; }                                                                   \
        else if (line == 0) { a = 1; b = -1; }                                                                           \
        else { a = line - 1; b = line + 1; }                                                                             \
        T_##S v[2];                                                                                                      \
        for (int k = 0; k < 2; k++)                                                                                      \
        {                                                                                                                \
            int l = k == 0 ? a : b;                                                                                      \
            if (l < 0) break;                                                                                            \
            int before, count, index;                                                                                    \
            locate_line(l, L, rate, offset, &before, &count, &index);                                                    \
            v[k] = rows ? reduced[(i64)before * nk * ow + ((plane * count + index) * ow + u)]                            \
                        : reduced[(i64)before * nk * oh + ((plane * oh + t) * count + index)];                           \
        }                                                                                                                \
        out[i] = b < 0 ? v[0] : MEAN_##S(v[0], v[1]);                                                                    \
    }                                                                                                                    \
}                                                                                                                        \
                                                                                                                         \
/* Filter sampling, HPVM's GPU way: cols [N, R, OH*OW] holds, for the R kept flat filter indices (kept[]), the input */ \
/* values they multiply (zero padding); a GEMM with the reduced filter then does only the kept multiply-adds.      */ \
extern "C" __global__ void im2col_sampled_##S(const T_##S* __restrict__ x, const int* __restrict__ kept,                  \
                                              T_##S* __restrict__ cols, int n, int c, int h, int w, int kh, int kw,      \
                                              int ph, int pw, int sh, int sw, int oh, int ow, int rcount)                \
{                                                                                                                        \
    i64 p = (i64)oh * ow;                                                                                                \
    i64 total = (i64)n * rcount * p;                                                                                     \
    GRID_STRIDE(i, total)                                                                                                \
    {                                                                                                                    \
        int pos = (int)(i % p);                                                                                          \
        i64 rest = i / p;                                                                                                \
        int r = (int)(rest % rcount);                                                                                    \
        int img = (int)(rest / rcount);                                                                                  \
        int idx = kept[r];                                                                                               \
        int ch = idx / (kh * kw), local = idx % (kh * kw);                                                               \
        int iy = (pos / ow) * sh - ph + local / kw;                                                                      \
        int ix = (pos % ow) * sw - pw + local % kw;                                                                      \
        cols[i] = (iy >= 0 && iy < h && ix >= 0 && ix < w) ? x[(((i64)img * c + ch) * h + iy) * w + ix] : ZERO_##S;      \
    }                                                                                                                    \
}                                                                                                                        \
                                                                                                                         \
/* The reduced filter [K, R]: the kept weights times HPVM's rescaling s/(s-1), in the kernel's precision.          */  \
extern "C" __global__ void compact_filter_##S(const T_##S* __restrict__ wfull, const int* __restrict__ kept,             \
                                              T_##S* __restrict__ wr, int k, int ckk, int rcount, T_##S scale)           \
{                                                                                                                        \
    i64 total = (i64)k * rcount;                                                                                         \
    GRID_STRIDE(i, total)                                                                                                \
    {                                                                                                                    \
        int r = (int)(i % rcount);                                                                                       \
        i64 f = i / rcount;                                                                                              \
        wr[i] = MUL_##S(wfull[f * ckk + kept[r]], scale);                                                                \
    }                                                                                                                    \
}

DEFINE_KERNELS(f32)
DEFINE_KERNELS(f16)

// ---- the other tensor ops (docs/tensors.md; the CPU Reference backend's formulas) ---------------------------------
// Each exists as _f32 and _f16. The fp16 forms add and compare in half (add.rn.f16, exact comparisons); where a formula
// has a transcendental or a division (tanh, batch norm, mean pooling) it is computed in fp32 from the half operands and
// rounded to half once, as cuDNN's half kernels do.
__device__ __forceinline__ bool h_isnan(half_bits h) { return (h & 0x7fff) > 0x7c00; }
__device__ __forceinline__ float ld_f32(const float* p, i64 i) { return p[i]; }
__device__ __forceinline__ float ld_f16(const half_bits* p, i64 i) { return h_to_float(p[i]); }
__device__ __forceinline__ void st_f32(float* p, i64 i, float v) { p[i] = v; }
__device__ __forceinline__ void st_f16(half_bits* p, i64 i, float v) { p[i] = h_from_float(v); }

extern "C" __global__ void add_f32(const float* __restrict__ x, const float* __restrict__ y, float* __restrict__ z, i64 n)
{
    GRID_STRIDE(i, n) z[i] = x[i] + y[i];
}

extern "C" __global__ void add_f16(const half_bits* __restrict__ x, const half_bits* __restrict__ y, half_bits* __restrict__ z, i64 n)
{
    GRID_STRIDE(i, n) z[i] = h_add(x[i], y[i]);
}

extern "C" __global__ void add_bias_f32(const float* __restrict__ x, const float* __restrict__ b, float* __restrict__ y, int c, int hw, i64 n)
{
    GRID_STRIDE(i, n) y[i] = x[i] + b[(i / hw) % c];
}

extern "C" __global__ void add_bias_f16(const half_bits* __restrict__ x, const half_bits* __restrict__ b, half_bits* __restrict__ y, int c, int hw, i64 n)
{
    GRID_STRIDE(i, n) y[i] = h_add(x[i], b[(i / hw) % c]);
}

extern "C" __global__ void relu_f32(const float* __restrict__ x, float* __restrict__ y, i64 n)
{
    GRID_STRIDE(i, n) { float v = x[i]; y[i] = v != v ? v : v > 0.0f ? v : 0.0f; }
}

extern "C" __global__ void relu_f16(const half_bits* __restrict__ x, half_bits* __restrict__ y, i64 n)
{
    // Positive: sign bit clear and not zero; NaN stays; everything else (negatives, -0) is +0.
    GRID_STRIDE(i, n) { half_bits v = x[i]; y[i] = h_isnan(v) ? v : ((v & 0x8000) == 0 && v != 0) ? v : (half_bits)0; }
}

extern "C" __global__ void clipped_relu_f32(const float* __restrict__ x, float* __restrict__ y, float mx, i64 n)
{
    GRID_STRIDE(i, n) { float v = x[i]; y[i] = v != v ? v : v < 0.0f ? 0.0f : v > mx ? mx : v; }
}

extern "C" __global__ void clipped_relu_f16(const half_bits* __restrict__ x, half_bits* __restrict__ y, float mx, i64 n)
{
    half_bits hmx = h_from_float(mx);
    GRID_STRIDE(i, n)
    {
        half_bits v = x[i];
        float f = h_to_float(v);
        y[i] = h_isnan(v) ? v : f < 0.0f ? (half_bits)0 : f > h_to_float(hmx) ? hmx : v;
    }
}

extern "C" __global__ void tanh_f32(const float* __restrict__ x, float* __restrict__ y, i64 n)
{
    GRID_STRIDE(i, n) y[i] = tanhf(x[i]);
}

extern "C" __global__ void tanh_f16(const half_bits* __restrict__ x, half_bits* __restrict__ y, i64 n)
{
    GRID_STRIDE(i, n) y[i] = h_from_float(tanhf(h_to_float(x[i])));
}

#define BATCH_NORM(SUFFIX, T)                                                                                         \
extern "C" __global__ void batch_norm##SUFFIX(const T* __restrict__ x, const T* __restrict__ gamma, const T* __restrict__ beta, \
    const T* __restrict__ mean, const T* __restrict__ var, T* __restrict__ y, int c, int hw, float eps, i64 n)           \
{                                                                                                                     \
    GRID_STRIDE(i, n)                                                                                                 \
    {                                                                                                                 \
        int ch = (int)((i / hw) % c);                                                                                 \
        float inv = 1.0f / sqrtf(ld##SUFFIX(var, ch) + eps);                                                          \
        st##SUFFIX(y, i, ld##SUFFIX(gamma, ch) * (ld##SUFFIX(x, i) - ld##SUFFIX(mean, ch)) * inv + ld##SUFFIX(beta, ch)); \
    }                                                                                                                 \
}
BATCH_NORM(_f32, float)
BATCH_NORM(_f16, half_bits)

// kind: 0 max, 1 mean, 2 min (PoolKind's order is checked by the host code). Max/min skip padded positions; mean
// divides the window's sum by winH*winW (padding counts as zeros); a NaN in the window gives NaN.
#define POOL(SUFFIX, T)                                                                                               \
extern "C" __global__ void pool##SUFFIX(const T* __restrict__ x, T* __restrict__ y, int kind, int h, int w, int oh, int ow, \
    int wh, int ww, int ph, int pw, int sh, int sw, i64 n)                                                            \
{                                                                                                                     \
    GRID_STRIDE(i, n)                                                                                                 \
    {                                                                                                                 \
        int ox = (int)(i % ow), oy = (int)((i / ow) % oh);                                                            \
        i64 plane = i / ((i64)ow * oh);                                                                               \
        const T* src = x + plane * h * w;                                                                             \
        float acc = kind == 0 ? -__int_as_float(0x7f800000) : kind == 2 ? __int_as_float(0x7f800000) : 0.0f;          \
        bool nan = false;                                                                                             \
        for (int a = 0; a < wh; a++)                                                                                  \
        {                                                                                                             \
            int iy = oy * sh - ph + a;                                                                                \
            if (iy < 0 || iy >= h) continue;                                                                          \
            for (int b = 0; b < ww; b++)                                                                              \
            {                                                                                                         \
                int ix = ox * sw - pw + b;                                                                            \
                if (ix < 0 || ix >= w) continue;                                                                      \
                float v = ld##SUFFIX(src, (i64)iy * w + ix);                                                          \
                nan |= v != v;                                                                                        \
                acc = kind == 0 ? fmaxf(acc, v) : kind == 2 ? fminf(acc, v) : acc + v;                                \
            }                                                                                                         \
        }                                                                                                             \
        if (kind == 1) acc /= (float)(wh * ww);                                                                       \
        st##SUFFIX(y, i, nan ? __int_as_float(0x7fc00000) : acc);                                                     \
    }                                                                                                                 \
}
POOL(_f32, float)
POOL(_f16, half_bits)

// One thread per row (the rows are a batch of class scores); max-subtracted, NaN rows give NaN.
extern "C" __global__ void softmax_f32(const float* __restrict__ x, float* __restrict__ y, int rows, int cols)
{
    int r = blockIdx.x * blockDim.x + threadIdx.x;
    if (r >= rows) return;
    const float* row = x + (i64)r * cols;
    float* dst = y + (i64)r * cols;
    float mx = -__int_as_float(0x7f800000);
    bool nan = false;
    for (int i = 0; i < cols; i++) { float v = row[i]; nan |= v != v; if (v > mx) mx = v; }
    if (nan) { for (int i = 0; i < cols; i++) dst[i] = __int_as_float(0x7fc00000); return; }
    float sum = 0.0f;
    for (int i = 0; i < cols; i++) { dst[i] = expf(row[i] - mx); sum += dst[i]; }
    for (int i = 0; i < cols; i++) dst[i] /= sum;
}
