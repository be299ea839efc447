using System;
using System.Linq;
using Knobs.Tensors.Backends.Reference;

namespace Knobs.Tensors.Tests.Properties;

/// <summary>Runs one op on the Reference oracle and on every candidate backend and asserts the outputs agree.</summary>
internal static class Agreement
{
    /// <summary>fp32 ops: different summation orders differ by a few ulps of the largest partial sums.</summary>
    public const double Fp32 = 1e-4;

    /// <summary>Half ops: one half ulp (2⁻¹⁰ relative) when an fp32 difference straddles a rounding boundary.</summary>
    public const double Fp16 = 2.0 / 1024;

    public static void Check(string what, Func<Tensor> op, double tolerance) => Check(what, op, tolerance, threads: null);

    /// <summary>As <see cref="Check(string, Func{Tensor}, double)"/>, with each candidate set to <paramref name="threads"/> threads.</summary>
    public static void Check(string what, Func<Tensor> op, double tolerance, int? threads)
    {
        (float[] expected, int[] shape, DType dtype) = Run(new ReferenceBackend(), op);
        Assert.Contains(expected, v => v != 0f); // a case that computes nothing would prove nothing
        foreach (string name in BackendCases.Candidates)
        {
            Backends.IBackend candidate = threads is null ? BackendCases.Instance(name) : Backends.Backend.Create(name);
            if (threads is int n) candidate.Threads = n;
            (float[] actual, int[] actualShape, DType actualType) = Run(candidate, op);
            if (threads is not null) (candidate as IDisposable)?.Dispose();
            Assert.Equal(shape, actualShape);
            Assert.Equal(dtype, actualType);
            double scale = expected.Select(v => Math.Abs((double)v)).DefaultIfEmpty(0).Max();
            for (int i = 0; i < expected.Length; i++)
            {
                double err = Math.Abs((double)actual[i] - expected[i]);
                double bound = tolerance * (Math.Abs(expected[i]) + 1e-2 * scale) + 1e-7;
                if (!(err <= bound) && !(float.IsNaN(actual[i]) && float.IsNaN(expected[i])))
                {
                    Assert.Fail($"{what} on {name}{(threads is null ? "" : $" ({threads} threads)")}: element {i} of {actual.Length} is {actual[i]:R}, Reference {expected[i]:R} " +
                        $"(error {err:E3} > {bound:E3}); shape [{string.Join(",", shape)}].");
                }
            }
        }
    }

    private static (float[] Values, int[] Shape, DType DType) Run(Backends.IBackend backend, Func<Tensor> op) =>
        BackendCases.With(backend, () =>
        {
            using Tensor y = op();
            return (y.ToArray(), y.Shape, y.DType);
        });
}
