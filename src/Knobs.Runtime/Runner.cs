using System;
using System.CommandLine;
using System.IO;
using System.Reflection;
using Knobs.Runtime.Cli;
using Knobs.Runtime.Running;
using Knobs.Tensors.Backends;

namespace Knobs.Runtime;

/// <summary>
/// The runner behind every Knobs app: the generated entry point calls
/// <c>global::Knobs.Runtime.Runner.Main(args, registry)</c>. Commands: <c>list [--json]</c>, <c>run [options]</c> and
/// <c>corun [options]</c>
/// (see <c>--help</c> and docs/runtime.md). Exit codes: 0 success, 1 some variant failed, 2 bad arguments, 3 a profile could not be written.
/// </summary>
public static class Runner
{
    /// <summary>Exit code when everything ran.</summary>
    public const int ExitSuccess = 0;

    /// <summary>Exit code when at least one variant failed (the others still ran and wrote profiles).</summary>
    public const int ExitFailures = 1;

    /// <summary>Exit code for a command-line mistake (nothing was run or written).</summary>
    public const int ExitUsage = 2;

    /// <summary>
    /// Exit code when a profile could not be written (full disk, folder gone): the run stops there, and the profile
    /// an earlier run left at that path is kept.
    /// </summary>
    public const int ExitOutputFailed = 3;

    /// <summary>
    /// The most threads <c>run --threads</c> accepts: what the Cpu backend's worker pool honours
    /// (<c>CpuBackend.Threads</c> rejects more). The MSBuild side checks <c>KnobsThreads</c> against the same number.
    /// </summary>
    public const int MaxThreads = 64;

    /// <summary>Parses <paramref name="args"/> and runs the command against <paramref name="registry"/>.</summary>
    public static int Main(string[] args, IBenchmarkRegistry registry) => Main(args, registry, Console.Out, Console.Error);

    /// <summary>As <see cref="Main(string[], IBenchmarkRegistry)"/>, writing to the given streams (tests, hosts).</summary>
    public static int Main(string[] args, IBenchmarkRegistry registry, TextWriter output, TextWriter error)
    {
        if (args is null) throw new ArgumentNullException(nameof(args));
        if (registry is null) throw new ArgumentNullException(nameof(registry));
        // KNOBS_BACKEND=Cuda selects the GPU backend; the GPU and its libraries are only looked for when it is selected.
        if (!Backend.IsRegistered(Knobs.Cuda.CudaBackend.BackendName)) Knobs.Cuda.CudaBackend.Register();
        string appName = Assembly.GetEntryAssembly()?.GetName().Name ?? "app";
        var cli = new RunnerCli(appName);
        int code = ExitSuccess;
        cli.List.SetAction(r => code = ListCommand.Execute(registry, cli.ListAsJson(r), output));
        cli.Run.SetAction(r =>
        {
            try
            {
                RunRequest request = cli.ReadRun(r);
                code = new RunCommand(registry, request, output, error).Execute();
            }
            catch (UsageException e)
            {
                error.WriteLine(e.Preformatted ? e.Message : RuntimeDiagnostics.Error(e.Id, e.Message));
                code = ExitUsage;
            }
        });
        cli.CoRun.SetAction(r =>
        {
            try
            {
                code = new CoRunning.CoRunCommand(registry, cli.ReadCoRun(r), output, error).Execute();
            }
            catch (UsageException e)
            {
                error.WriteLine(e.Preformatted ? e.Message : RuntimeDiagnostics.Error(e.Id, e.Message));
                code = ExitUsage;
            }
        });
        cli.Root.SetAction(_ =>
        {
            error.WriteLine(RuntimeDiagnostics.Error(RuntimeDiagnostics.BadArgument,
                $"no command given: use '{appName} list' to see the variants or '{appName} run' to measure them (see '{appName} --help')"));
            code = ExitUsage;
        });
        // Actions are set before parsing, so a missing command reaches the root action instead of a parse error.
        ParseResult parsed = cli.Root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            error.WriteLine(RuntimeDiagnostics.Error(RuntimeDiagnostics.BadArgument, $"{parsed.Errors[0].Message} (see '{appName} --help')"));
            return ExitUsage;
        }
        var invocation = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        int invoked = parsed.Invoke(invocation);
        return invoked != 0 ? invoked : code;
    }
}
