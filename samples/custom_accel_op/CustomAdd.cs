using Knobs;
using Knobs.Tensors;
using static Knobs.Tensors.Ops;

namespace Knobs.Samples.CustomAccelOp;

/// <summary>
/// A template around the custom operator: a tanh (a built-in op, modelled by Knobs) and the custom element-wise add of the
/// input and its tanh (modelled by <see cref="ElementwiseAddModel"/>). At batch 8 the input is SMAUG's test tensor:
/// 8 × 4096 fp32 values, 128 KiB, four tiles of one 32 KiB scratchpad.
/// </summary>
[KnobBenchmark(Classifier = false)]
public partial class CustomAdd
{
    public Tensor Input(int batch) => Tensor.Random([batch, 4096], seed: 7);

    public Tensor Run(Tensor x)
    {
        Tensor y = Tanh(x);
        return AccelOps.ElementwiseAdd(x, y);
    }
}
