namespace Knobs.Tensors;

/// <summary>The element type a <see cref="Tensor"/> stores.</summary>
public enum DType
{
    /// <summary>IEEE binary32.</summary>
    Float32,
    /// <summary>IEEE binary16 (<see cref="System.Half"/>), round-to-nearest-even on conversion.</summary>
    Float16,
}
