using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;

namespace Knobs.Benchmarks.Kernels;

/// <summary>
/// The Python peer (peers/kernels_peer.py) as a child process serving one request per line, started with a fair
/// environment: OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE removed (they halve OpenBLAS here),
/// OPENBLAS_NUM_THREADS set, and glibc's malloc kept from returning memory to the OS (no page-fault storm).
/// </summary>
internal sealed class PeerProcess : IDisposable
{
    private const string GlibcTunables = "glibc.malloc.mmap_threshold=2147483647:glibc.malloc.trim_threshold=68719476736";
    private readonly Process _process;

    public PeerProcess(string python, string script, int threads, int openBlasThreads)
    {
        var info = new ProcessStartInfo(python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = false,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(script);
        info.ArgumentList.Add(threads.ToString(CultureInfo.InvariantCulture));
        info.Environment.Remove("OPENBLAS_CORETYPE");
        info.Environment.Remove("OPENBLAS_L2_SIZE");
        info.Environment["OPENBLAS_NUM_THREADS"] = openBlasThreads.ToString(CultureInfo.InvariantCulture);
        info.Environment["OMP_NUM_THREADS"] = threads.ToString(CultureInfo.InvariantCulture);
        info.Environment["GLIBC_TUNABLES"] = GlibcTunables;
        _process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {python} {script}");
        string? hello = _process.StandardOutput.ReadLine();
        if (hello is null || !hello.StartsWith("ready", StringComparison.Ordinal))
            throw new InvalidOperationException($"peer {script} did not start (got '{hello}'); is python3-torch installed? Run tests/Knobs.Benchmarks/run-kernels.sh.");
        Banner = hello;
    }

    public string Banner { get; }

    /// <summary>Sends one request; the seconds of each timed run, or null with the peer's reason when it cannot run it.</summary>
    public (double[]? Seconds, string Note) Request(string line)
    {
        _process.StandardInput.WriteLine(line);
        _process.StandardInput.Flush();
        string answer = _process.StandardOutput.ReadLine() ?? throw new IOException($"peer exited on '{line}'");
        string[] parts = answer.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts[0] == "ok") return (parts.Skip(1).Select(p => double.Parse(p, CultureInfo.InvariantCulture)).ToArray(), "");
        return (null, answer);
    }

    public void Dispose()
    {
        try
        {
            _process.StandardInput.WriteLine("quit");
            _process.StandardInput.Flush();
            if (!_process.WaitForExit(5000)) _process.Kill();
        }
        catch (IOException)
        {
        }
        _process.Dispose();
    }
}
