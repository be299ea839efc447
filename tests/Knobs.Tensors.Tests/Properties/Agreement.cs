using System;
using System.Linq;
using Knobs.Tensors.Backends;
using Knobs.Tensors.Backends.Reference;

namespace Knobs.Tensors.Tests.Properties;

/// <summary>Runs one op on the Reference oracle and on candidate backends and asserts the outputs agree.</summary>
internal static class Agreement
{
    /// <summary>fp32 ops: different summation orders differ by a few ulps of the largest partial sums.</summary>
    public const double Fp32 = 1e-4;

    /// <summary>Half ops: one half ulp (2⁻¹⁰ relative) when an fp32 difference straddles a rounding boundary.</summary>
    public const double Fp16 = 2.0 / 1024;

    /// <summary>Every registered candidate backend (the shared per-thread instance) against the Reference.</summary>
    public static void Check(string what, Func<Tensor> op, double tolerance)
    {
        foreach (string name in BackendCases.Candidates) CheckOne(what, op, tolerance, BackendCases.Instance(name), name);
    }

    /// <summary>Every registered candidate backend, a fresh instance set to <paramref name="threads"/> threads.</summary>
    public static void Check(string what, Func<Tensor> op, double tolerance, int threads)
    {
        foreach (string name in BackendCases.Candidates)
        {
            IBackend candidate = Backend.Create(name);
            candidate.Threads = threads;
            try { CheckOne(what, op, tolerance, candidate, $"{name} ({threads} threads)"); }
            finally { (candidate as IDisposable)?.Dispose(); }
        }
    }

    /// <summary>One given backend against the Reference.</summary>
    public static void CheckOne(string what, Func<Tensor> op, double tolerance, IBackend candidate, string label)
    {
        (float[] expected, int[] shape, DType dtype) = Run(new ReferenceBackend(), op);
        Assert.Contains(expected, v => v != 0f); // a case that computes nothing would prove nothing
        (float[] actual, int[] actualShape, DType actualType) = Run(candidate, op);
        Assert.Equal(shape, actualShape);
        Assert.Equal(dtype, actualType);
        double scale = expected.Select(v => Math.Abs((double)v)).DefaultIfEmpty(0).Max();
        for (int i = 0; i < expected.Length; i++)
        {
            double err = Math.Abs((double)actual[i] - expected[i]);
            double bound = tolerance * (Math.Abs(expected[i]) + 1e-2 * scale) + 1e-7;
            if (!(err <= bound) && !(float.IsNaN(actual[i]) && float.IsNaN(expected[i])))
            {
                Assert.Fail($"{what} on {label}: element {i} of {actual.Length} is {actual[i]:R}, Reference {expected[i]:R} " +
                    $"(error {err:E3} > {bound:E3}); shape [{string.Join(",", shape)}].");
            }
        }
    }

    private static (float[] Values, int[] Shape, DType DType) Run(IBackend backend, Func<Tensor> op) =>
        BackendCases.With(backend, () =>
        {
            using Tensor y = op();
            return (y.ToArray(), y.Shape, y.DType);
        });
}
