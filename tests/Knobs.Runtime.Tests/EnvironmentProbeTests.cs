using System;
using System.Text.RegularExpressions;
using Knobs.Profiles;
using Knobs.Runtime.Probing;
using Knobs.Tensors.Backends;

namespace Knobs.Runtime.Tests;

public class EnvironmentProbeTests
{
    [Fact]
    public void EnvironmentNamesMachineRuntimeAndHashesTheApp()
    {
        ProfileEnvironment e = EnvironmentProbe.Collect(Backend.Current, "none", typeof(EnvironmentProbeTests).Assembly);
        Assert.False(string.IsNullOrWhiteSpace(e.CpuModel));
        Assert.Equal(Environment.ProcessorCount, e.Cores);
        Assert.Equal(Environment.Version.ToString(), e.Dotnet);
        Assert.Matches("^TieredCompilation=[01],TieredPGO=[01],QuickJitForLoops=[01],ReadyToRun=[01]$", e.Jit);
        Assert.Matches("^(Workstation|Server),(Concurrent|NonConcurrent),", e.Gc);
        Assert.Equal(Backend.Current.Name, e.Backend);
        Assert.Equal(Backend.Current.Threads, e.Threads);
        Assert.Equal(KnobsCoreInfo.Version, e.KnobsVersion);
        Assert.Matches(new Regex("^sha256:[0-9a-f]{64}$"), e.AppHash!);
    }

    [Fact]
    public void AppHashIsStableForTheSameAssembly()
    {
        var a = typeof(EnvironmentProbeTests).Assembly;
        Assert.Equal(EnvironmentProbe.AppHash(a), EnvironmentProbe.AppHash(a));
        Assert.NotEqual(EnvironmentProbe.AppHash(a), EnvironmentProbe.AppHash(typeof(Runner).Assembly));
    }
}
