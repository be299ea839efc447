using System.Collections.Generic;

namespace Knobs.Tensors.Backends;

/// <summary>
/// A backend that runs on a device other than the host CPU says what it is, for profile headers: the device kind
/// (<c>gpu</c>), its model name and its properties (clocks, memory, driver…), read when asked, never changed.
/// </summary>
public interface IDeviceDescription
{
    /// <summary>The device kind a profile and a lookup table key by, e.g. <c>gpu</c>.</summary>
    string Kind { get; }

    /// <summary>The device's model name, e.g. <c>NVIDIA H100 80GB HBM3</c>.</summary>
    string Model { get; }

    /// <summary>The device's properties now (string values, invariant culture; unknown ones say so).</summary>
    IReadOnlyDictionary<string, string> DescribeDevice();
}
