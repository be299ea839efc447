namespace Knobs.Tensors;

/// <summary>
/// Precision conversions done inside ops (fp32→fp16 "f2h", fp16→fp32 "h2f") are separate, measured events
/// (HPVM reports them as their own columns). Ops add the Stopwatch ticks and element counts of every
/// conversion here, on the calling thread; the profiler reads the deltas around each op.
/// </summary>
public static class ConversionCounters
{
    [System.ThreadStatic] public static long F2HTicks;
    [System.ThreadStatic] public static long H2FTicks;
    [System.ThreadStatic] public static long F2HCount;
    [System.ThreadStatic] public static long H2FCount;
}
