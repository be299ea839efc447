using System;

namespace Knobs.Samples;

/// <summary>
/// A weight folder the user pointed to does not hold the files a network needs (missing, or of the wrong
/// size). The message names every bad file with expected and actual bytes, and says how to fix it.
/// </summary>
public sealed class WeightFileException : Exception
{
    /// <summary>Creates the exception with a message that names the files.</summary>
    public WeightFileException(string message) : base(message) { }
}
