using System;
using System.IO;

namespace Knobs.Runtime.Tests;

/// <summary>A fresh folder under the temp directory, deleted on dispose.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "knobs-runtime-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}

/// <summary>Runs <see cref="Runner.Main(string[], IBenchmarkRegistry, TextWriter, TextWriter)"/> and captures both streams.</summary>
internal sealed record RunOutcome(int ExitCode, string Output, string Error)
{
    public static RunOutcome Of(IBenchmarkRegistry registry, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = Runner.Main(args, registry, output, error);
        return new RunOutcome(code, output.ToString(), error.ToString());
    }
}
