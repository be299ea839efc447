using System;
using Knobs.Tensors.Backends;

namespace Knobs.Tensors.Tests;

/// <summary>Backends are chosen by name (KNOBS_BACKEND or the API), case-insensitively.</summary>
public sealed class BackendSelectionTests
{
    [Fact]
    public void NamesAreCaseInsensitive()
    {
        Assert.Equal("Reference", Backend.Create("reference").Name);
        Assert.Equal("Reference", Backend.Create("REFERENCE").Name);
    }

    [Fact]
    public void UnknownNameListsTheValidOnes()
    {
        var e = Assert.Throws<ArgumentException>(() => Backend.Create("Gpu"));
        Assert.Contains("'Gpu'", e.Message);
        foreach (string name in Backend.Names) Assert.Contains(name, e.Message);
        Assert.Contains(Backend.EnvironmentVariable, e.Message);
    }

    [Fact]
    public void DefaultIsCpuWhenRegisteredElseReference() =>
        Assert.Equal(Backend.IsRegistered("Cpu") ? "Cpu" : "Reference", Backend.DefaultName);

    [Fact]
    public void ThreadBackendOverridesTheProcessBackend()
    {
        var mine = new Knobs.Tensors.Backends.Reference.ReferenceBackend();
        using (Backend.OnThisThread(mine)) Assert.Same(mine, Backend.Current);
        Assert.NotSame(mine, Backend.Current);
    }

    [Fact]
    public void ThreadsMustBePositive()
    {
        IBackend b = Backend.Create("Reference");
        b.Threads = 3;
        Assert.Equal(3, b.Threads);
        Assert.Throws<ArgumentOutOfRangeException>(() => b.Threads = 0);
    }
}
