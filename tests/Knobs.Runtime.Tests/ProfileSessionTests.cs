using System;
using Knobs.Runtime.Energy;
using Knobs.Tensors;
using Knobs.Tensors.Backends;

namespace Knobs.Runtime.Tests;

public class ProfileSessionTests
{
    /// <summary>A meter whose counter advances by a fixed step on every read.</summary>
    private sealed class SteppingMeter : IEnergyMeter
    {
        private double _joules;
        public string Name => "test";
        public bool IsMeasuring => true;
        public string Description => "test meter";
        public double ReadJoules() => _joules += 0.5;
        public void Dispose() { }
    }

    [Fact]
    public void HooksRecordCallsAndTicksPerOp()
    {
        var session = new ProfileSession(3);
        using (session.Activate())
        {
            for (int i = 0; i < 4; i++)
            {
                long t = Profiler.Begin();
                Profiler.End(1, t);
            }
            long t2 = Profiler.Begin();
            Profiler.End(2, t2);
        }
        Assert.Equal(new[] { 0, 4, 1 }, new[] { session.Calls(0), session.Calls(1), session.Calls(2) });
        Assert.True(session.Ticks(1) >= 0);
        session.Reset();
        Assert.Equal(0, session.Calls(1));
    }

    [Fact]
    public void HooksWithoutSessionDoNothing()
    {
        long t = Profiler.Begin();
        Profiler.End(12345, t); // an index no session has: must not throw
    }

    [Fact]
    public void ConversionInsideAnOpIsAttributedToItAndExcludedFromItsTime()
    {
        var session = new ProfileSession(2);
        using (session.Activate())
        {
            long t = Profiler.Begin();
            ConversionCounters.F2HTicks += 1_000_000_000; // as Ops do around a conversion
            ConversionCounters.H2FTicks += 500_000_000;
            long fake = t - 2_000_000_000;             // the op "took" 2e9 ticks including the conversions
            Profiler.End(0, fake);
            long t2 = Profiler.Begin();
            Profiler.End(1, t2);
        }
        Assert.Equal(1_000_000_000, session.F2HTicks(0));
        Assert.Equal(500_000_000, session.H2FTicks(0));
        Assert.InRange(session.Ticks(0), 500_000_000, 600_000_000);
        Assert.Equal(0, session.F2HTicks(1));
    }

    [Fact]
    public void PerOpEnergyAccumulatesMeterDeltasOverCalls()
    {
        var session = new ProfileSession(1, new SteppingMeter());
        using (session.Activate())
        {
            for (int i = 0; i < 3; i++)
            {
                long t = Profiler.Begin();  // reads 0.5 J more
                Profiler.End(0, t);         // reads 0.5 J more: each call's delta is 0.5 J
            }
        }
        Assert.Equal(1.5, session.Energy(0), 12);
        Assert.True(session.MeasuresEnergy);
    }

    [Fact]
    public void NonMeasuringMeterIsNotReadPerOp()
    {
        var session = new ProfileSession(1, new NoEnergyMeter("test"));
        Assert.False(session.MeasuresEnergy);
    }

    [Fact]
    public void HookPairAllocatesNothing()
    {
        var session = new ProfileSession(4);
        using (session.Activate())
        {
            for (int i = 0; i < 1000; i++) { long w = Profiler.Begin(); Profiler.End(i & 3, w); }
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 100_000; i++) { long t = Profiler.Begin(); Profiler.End(i & 3, t); }
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }
    }

    /// <summary>A timer that reports every op as 7 ticks (a model's cycle count, say).</summary>
    private sealed class SevenTicks : OpTimer
    {
        public int Begins;
        public override string Name => "seven";
        public override long Begin() { Begins++; return 100; }
        public override long End(long begin) => begin == 100 ? 7 : -1;
    }

    private sealed class TimedBackend(OpTimer timer) : BackendBase
    {
        public override string Name => "timed";
        public override BackendCapabilities Capabilities { get; } = new(false, false, false);
        public override OpTimer Timer => timer;
    }

    [Fact]
    public void HooksTakeTheirTimeFromTheBackendOfTheContext()
    {
        var timer = new SevenTicks();
        var session = new ProfileSession(2);
        using (TensorContext.Enter(new TensorContext(new TimedBackend(timer))))
        using (session.Activate())
        {
            long t = Profiler.Begin();
            Profiler.End(1, t);
        }
        long t2 = Profiler.Begin(); // outside: the default context's backend, no session
        Profiler.End(1, t2);
        Assert.Equal(1, timer.Begins);
        Assert.Equal(7, session.Ticks(1));
        Assert.Equal(1, session.Calls(1));
    }
}
