using System;
using System.IO;
using System.Text;
using Knobs.Core.Tests.Tables;
using Knobs.Profiles;

namespace Knobs.Core.Tests.Profiles;

/// <summary>A write that fails part-way never costs the result already on disk, and never leaves its temporary file.</summary>
public sealed class AtomicFileTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void AWriteThatFailsHalfwayLeavesThePreviousFileWholeAndNoTemporaryFile()
    {
        string path = _dir.File("table.json");
        AtomicFile.WriteAllText(path, "the result already written");

        var failure = Assert.Throws<IOException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(Encoding.UTF8.GetBytes("half of a new"));
            throw new IOException("disk full");
        }));

        Assert.Equal("disk full", failure.Message);
        Assert.Equal("the result already written", File.ReadAllText(path));
        Assert.Equal(new[] { path }, Directory.GetFiles(_dir.Path));
    }

    [Fact]
    public void AWriteThatFailsBeforeAnyFileExistedCreatesNothing()
    {
        string path = _dir.File("new.json");

        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(Encoding.UTF8.GetBytes("partial"));
            throw new InvalidOperationException("cancelled");
        }));

        Assert.Empty(Directory.GetFiles(_dir.Path));
    }

    [Fact]
    public void ASuccessfulWriteReplacesTheWholeContentAsUtf8WithoutBom()
    {
        string path = _dir.File("a.txt");
        AtomicFile.WriteAllText(path, "a much longer first content");
        AtomicFile.WriteAllText(path, "é");

        Assert.Equal(new byte[] { 0xC3, 0xA9 }, File.ReadAllBytes(path));
        Assert.Single(Directory.GetFiles(_dir.Path));
    }
}
