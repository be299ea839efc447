using System;
using Knobs.Profiles;
using Knobs.Tensors;

namespace Knobs.Runtime.Qos;

/// <summary>The fp32 reference variant's output on its input: what every variant of the benchmark is compared with.</summary>
internal sealed class ReferenceOutput
{
    private ReferenceOutput(string variant, Tensor input, float[] values, int[] shape, bool classifier)
    {
        Variant = variant;
        Input = input;
        Values = values;
        Shape = shape;
        Classifier = classifier;
    }

    /// <summary>The reference variant's name (<c>fp32_11</c>).</summary>
    public string Variant { get; }

    /// <summary>The input all comparisons use.</summary>
    public Tensor Input { get; }

    public float[] Values { get; }

    public int[] Shape { get; }

    public bool Classifier { get; }

    /// <summary>Runs <paramref name="reference"/> once, unprofiled, on its own <c>Input(batch)</c>.</summary>
    public static ReferenceOutput Compute(BenchmarkVariant reference, int batch, bool classifier)
    {
        Tensor input = reference.Input(batch);
        (float[] values, int[] shape) = RunUnprofiled(reference, input);
        return new ReferenceOutput(reference.Name, input, values, shape, classifier);
    }

    /// <summary>Runs <paramref name="variant"/> on the reference input and compares the outputs.</summary>
    public QosRecord Compare(BenchmarkVariant variant)
    {
        (float[] values, int[] shape) = RunUnprofiled(variant, Input);
        QosMetrics m = QosMetrics.Compare(values, Values, shape, Shape, Classifier);
        return new QosRecord(Variant, m.RelL2, m.MaxAbs, m.Psnr, m.Top1);
    }

    private static (float[] Values, int[] Shape) RunUnprofiled(BenchmarkVariant variant, Tensor input)
    {
        using (TensorContext.Enter(TensorContext.Current.WithSession(null)))
        using (new TensorScope())
        {
            Tensor output = variant.Run(input) ?? throw new InvalidOperationException($"{variant.Name}.Run returned null");
            return (output.ToArray(), output.Shape);
        }
    }
}
