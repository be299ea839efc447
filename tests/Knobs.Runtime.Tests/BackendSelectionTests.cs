using System;
using Knobs.Runtime.Cli;
using Knobs.Runtime.Running;
using Knobs.Tensors.Backends;

namespace Knobs.Runtime.Tests;

public class BackendSelectionTests
{
    [Fact]
    public void UnknownBackendIsAUsageErrorNotACrash()
    {
        const string message = "The environment variable KNOBS_BACKEND is 'cuda', which names no tensor backend.";
        UsageException e = Assert.Throws<UsageException>(
            () => RunCommand.ResolveBackend(() => throw new ArgumentException(message)));
        Assert.Equal(RuntimeDiagnostics.BadArgument, e.Id);
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void KnownBackendIsReturnedAsIs()
    {
        IBackend reference = Backend.Create("Reference");
        Assert.Same(reference, RunCommand.ResolveBackend(() => reference));
    }
}
