namespace Knobs.Tasks;

internal static class KnobsTasksInfo
{
    internal const string Prefix = "KNB";
}
