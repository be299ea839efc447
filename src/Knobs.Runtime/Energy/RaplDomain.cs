using System;
using System.Globalization;
using System.IO;
using Microsoft.Win32.SafeHandles;

namespace Knobs.Runtime.Energy;

/// <summary>
/// One powercap zone (<c>intel-rapl:0</c>, <c>intel-rapl:0:2</c>, …): its <c>energy_uj</c> file kept open and
/// re-read from offset 0 (pread, no allocation), wrap-around corrected with <c>max_energy_range_uj</c>.
/// </summary>
internal sealed class RaplDomain : IDisposable
{
    private readonly SafeFileHandle _energy;
    private readonly byte[] _buffer = new byte[32];
    private readonly long _rangeMicroJoules;
    private readonly string _energyPath;
    private long _last;
    private long _accumulated;

    private RaplDomain(string zone, string name, string energyPath, SafeFileHandle energy, long rangeMicroJoules)
    {
        Zone = zone;
        _energyPath = energyPath;
        Name = name;
        _energy = energy;
        _rangeMicroJoules = rangeMicroJoules;
        _last = ReadRaw();
    }

    /// <summary>The zone folder name (<c>intel-rapl:0</c>).</summary>
    public string Zone { get; }

    /// <summary>The zone's <c>name</c> (<c>package-0</c>, <c>dram</c>, …).</summary>
    public string Name { get; }

    /// <summary>Opens a zone folder; throws <see cref="RaplUnavailableException"/> with the file and the reason.</summary>
    public static RaplDomain Open(string zoneDir)
    {
        string zone = Path.GetFileName(zoneDir);
        string name = ReadText(Path.Combine(zoneDir, "name"));
        long range = ParseMicroJoules(Path.Combine(zoneDir, "max_energy_range_uj"), ReadText(Path.Combine(zoneDir, "max_energy_range_uj")));
        if (range <= 0) throw new RaplUnavailableException($"{Path.Combine(zoneDir, "max_energy_range_uj")}: range must be positive, found {range}");
        string energyPath = Path.Combine(zoneDir, "energy_uj");
        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(energyPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new RaplUnavailableException($"{energyPath} is not readable ({e.Message}); on recent kernels energy_uj is readable by root only");
        }
        try
        {
            return new RaplDomain(zone, name, energyPath, handle, range);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Microjoules since the domain was opened, wrap-around corrected.</summary>
    public long ReadMicroJoules()
    {
        long raw = ReadRaw();
        long delta = raw - _last;
        // The counter only grows; a smaller value means it wrapped past max_energy_range_uj.
        if (delta < 0) delta += _rangeMicroJoules;
        _last = raw;
        _accumulated += delta;
        return _accumulated;
    }

    private long ReadRaw()
    {
        int read;
        try
        {
            read = RandomAccess.Read(_energy, _buffer, 0);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new RaplUnavailableException($"{_energyPath} could not be read ({e.Message})");
        }
        long value = 0;
        int digits = 0;
        for (int i = 0; i < read; i++)
        {
            byte b = _buffer[i];
            if (b >= (byte)'0' && b <= (byte)'9') { value = value * 10 + (b - '0'); digits++; }
            else if (b == (byte)'\n' || b == (byte)' ') { if (digits > 0) break; }
            else { digits = 0; break; }
        }
        if (digits == 0) throw new RaplUnavailableException($"{_energyPath}: expected a number of microjoules");
        return value;
    }

    private static string ReadText(string path)
    {
        try
        {
            return File.ReadAllText(path).Trim();
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new RaplUnavailableException($"{path} is not readable ({e.Message})");
        }
    }

    private static long ParseMicroJoules(string path, string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long v)
            ? v
            : throw new RaplUnavailableException($"{path}: expected a number of microjoules, found '{text}'");

    /// <inheritdoc />
    public void Dispose() => _energy.Dispose();
}

/// <summary>Why the RAPL meter cannot be used (names the file and the reason).</summary>
public sealed class RaplUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RaplUnavailableException(string message) : base(message) { }
}
