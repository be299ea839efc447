using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Knobs.Tasks.Processes;

namespace Knobs.Tasks.Apps;

/// <summary>
/// The built app as a command line: <c>dotnet app.dll …</c> for a framework-dependent app; its own executable (the
/// apphost beside the .dll) for a self-contained one, which needs no .NET on the machine that runs it; the file itself
/// when it is not a .dll.
/// </summary>
internal sealed class AppCommand
{
    private readonly string _host;
    private readonly string[] _prefix;

    public AppCommand(string appPath, string? dotnetHost = null)
    {
        AppPath = Path.GetFullPath(appPath);
        if (AppPath.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) && SelfContainedHost(AppPath) is { } apphost)
        {
            _host = apphost;
            _prefix = Array.Empty<string>();
        }
        else if (AppPath.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            _host = dotnetHost is { Length: > 0 } ? dotnetHost : DefaultDotnetHost();
            _prefix = new[] { AppPath };
        }
        else
        {
            _host = AppPath;
            _prefix = Array.Empty<string>();
        }
    }

    /// <summary>Full path of the app (its .dll or executable).</summary>
    public string AppPath { get; }

    /// <summary>The folder the app runs in.</summary>
    public string Directory => Path.GetDirectoryName(AppPath) ?? ".";

    /// <summary>Runs <c>app args…</c> with a timeout.</summary>
    public ProcessResult Run(IEnumerable<string> arguments, TimeSpan timeout, System.Threading.CancellationToken cancel = default) =>
        ProcessRunner.Run(_host, _prefix.Concat(arguments).ToArray(), Directory, timeout, cancel: cancel);

    /// <summary>The program and its arguments: <c>[dotnet, app.dll, args…]</c> or <c>[app, args…]</c>.</summary>
    public IReadOnlyList<string> Argv(IEnumerable<string> arguments) => new[] { _host }.Concat(_prefix).Concat(arguments).ToArray();

    /// <summary>The command as a user would type it (for messages).</summary>
    public string Describe(IEnumerable<string> arguments) =>
        Knobs.Tasks.Logging.LogText.Escape(string.Join(" ", new[] { _host }.Concat(_prefix).Concat(arguments).Select(a => a.Contains(' ') ? "\"" + a + "\"" : a)));

    /// <summary>
    /// The apphost of a self-contained app (its <c>.runtimeconfig.json</c> lists <c>includedFrameworks</c> and the
    /// executable named like the .dll without the extension is beside it); null for a framework-dependent app.
    /// </summary>
    internal static string? SelfContainedHost(string dll)
    {
        string apphost = dll.Substring(0, dll.Length - ".dll".Length);
        string config = apphost + ".runtimeconfig.json";
        try
        {
            return File.Exists(apphost) && File.Exists(config) && File.ReadAllText(config).Contains("\"includedFrameworks\"") ? apphost : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The dotnet host MSBuild itself runs on (DOTNET_HOST_PATH), else <c>dotnet</c> from PATH.</summary>
    private static string DefaultDotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
}
