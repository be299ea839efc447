using System.Collections.Generic;
using Knobs.Tensors;
using Knobs.Tensors.Backends;
using Knobs.Tensors.Backends.Reference;

namespace Knobs.Runtime.Tests;

/// <summary>
/// A backend whose op timer defers (a device queue): the hooks hand the session tokens, and an op's time arrives only
/// when the session resolves them at the end of a run, so the host does not wait for the device between ops.
/// </summary>
public sealed class DeferredOpTimerTests
{
    /// <summary>Each op "takes" 1000 ticks more than the one before; tokens count as resolved or dropped.</summary>
    private sealed class QueueTimer : OpTimer
    {
        private readonly Dictionary<long, long> _times = [];
        private long _next;
        public int Resolved, Dropped;
        public override string Name => "queue";
        public override bool Defers => true;
        public override long Begin() => 0;
        public override long End(long begin)
        {
            long token = ++_next;
            _times[token] = token * 1000;
            return token;
        }
        public override long Resolve(long token)
        {
            Resolved++;
            return _times[token];
        }
        public override void Drop(long token) => Dropped++;
    }

    private sealed class QueueBackend(QueueTimer timer) : BackendBase
    {
        public override string Name => "Queue";
        public override BackendCapabilities Capabilities { get; } = new(false, false, false);
        public override OpTimer Timer => timer;
    }

    [Fact]
    public void OpTimesArriveWhenTheSessionResolvesThemAtTheEndOfTheRun()
    {
        var timer = new QueueTimer();
        var session = new ProfileSession(2);
        using (Backend.OnThisThread(new QueueBackend(timer)))
        using (session.Activate())
        {
            Profiler.End(0, Profiler.Begin());
            Profiler.End(1, Profiler.Begin());
            Profiler.End(1, Profiler.Begin());
            Assert.Equal(0, timer.Resolved);
            Assert.Equal(0, session.Ticks(1));
            Assert.Equal(2, session.Calls(1));
            session.ResolvePending();
        }
        Assert.Equal(3, timer.Resolved);
        Assert.Equal(1000, session.Ticks(0));
        Assert.Equal(2000 + 3000, session.Ticks(1));
        session.ResolvePending(); // nothing left: no time counted twice
        Assert.Equal(5000, session.Ticks(1));
    }

    [Fact]
    public void TokensNotResolvedAreDroppedByResetAndWithoutASession()
    {
        var timer = new QueueTimer();
        var session = new ProfileSession(1);
        using (Backend.OnThisThread(new QueueBackend(timer)))
        {
            Profiler.End(0, Profiler.Begin()); // no session: the token is given up at once
            Assert.Equal(1, timer.Dropped);
            using (session.Activate()) Profiler.End(0, Profiler.Begin());
        }
        session.Reset();
        Assert.Equal(2, timer.Dropped);
        Assert.Equal(0, timer.Resolved);
        Assert.Equal(0, session.Ticks(0));
    }
}
