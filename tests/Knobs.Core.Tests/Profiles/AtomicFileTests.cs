using System;
using System.IO;
using System.Text;
using Knobs.Profiles;

namespace Knobs.Core.Tests.Profiles;

/// <summary>A write that fails part-way never costs the result already on disk, and never leaves its temporary file.</summary>
public sealed class AtomicFileTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "knobs-atomic-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void AWriteThatFailsHalfwayLeavesThePreviousFileWholeAndNoTemporaryFile()
    {
        string path = Path.Combine(_dir, "table.json");
        AtomicFile.WriteAllText(path, "the result already written");

        var failure = Assert.Throws<IOException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(Encoding.UTF8.GetBytes("half of a new"));
            throw new IOException("disk full");
        }));

        Assert.Equal("disk full", failure.Message);
        Assert.Equal("the result already written", File.ReadAllText(path));
        Assert.Equal(new[] { path }, Directory.GetFiles(_dir));
    }

    [Fact]
    public void AWriteThatFailsBeforeAnyFileExistedCreatesNothing()
    {
        string path = Path.Combine(_dir, "new.json");

        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(Encoding.UTF8.GetBytes("partial"));
            throw new InvalidOperationException("cancelled");
        }));

        Assert.Empty(Directory.GetFiles(_dir));
    }

    [Fact]
    public void ASuccessfulWriteReplacesTheWholeContentAsUtf8WithoutBom()
    {
        string path = Path.Combine(_dir, "a.txt");
        AtomicFile.WriteAllText(path, "a much longer first content");
        AtomicFile.WriteAllText(path, "é");

        Assert.Equal(new byte[] { 0xC3, 0xA9 }, File.ReadAllBytes(path));
        Assert.Single(Directory.GetFiles(_dir));
    }
}
