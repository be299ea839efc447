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

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void UnsetEnvironmentVariableSelectsTheDefault(string? value) => Assert.Equal(Backend.DefaultName, Backend.NameFor(value));

    [Theory]
    [InlineData("reference", "Reference")]
    [InlineData(" CPU ", "Cpu")]
    public void EnvironmentValueSelectsABackendCaseInsensitively(string value, string expected)
    {
        IBackend backend = Backend.Create(Backend.NameFor(value));
        Assert.Equal(expected, backend.Name);
        (backend as IDisposable)?.Dispose();
    }

    [Fact]
    public void BogusEnvironmentValueIsAClearError()
    {
        var e = Assert.Throws<ArgumentException>(() => Backend.CreateFor("cuda"));
        Assert.Equal(
            $"The environment variable KNOBS_BACKEND is 'cuda', which names no tensor backend. Valid backends: {string.Join(", ", Backend.Names)} " +
            $"(case-insensitive); set KNOBS_BACKEND to one of them, or unset it for the default ({Backend.DefaultName}).", e.Message);
        Assert.Equal("Reference", Backend.CreateFor(" reference ").Name);
        IBackend byDefault = Backend.CreateFor(null);
        Assert.Equal(Backend.DefaultName, byDefault.Name);
        (byDefault as IDisposable)?.Dispose();
    }

    [Fact]
    public void CpuIsRegisteredAndIsTheDefault()
    {
        Assert.Contains("Cpu", Backend.Names);
        Assert.Equal("Cpu", Backend.DefaultName);
    }

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
