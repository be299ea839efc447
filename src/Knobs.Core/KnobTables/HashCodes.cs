namespace Knobs.KnobTables;

// System.HashCode is not in netstandard2.0.
internal static class HashCodes
{
    public static int Combine(params int[] hashes)
    {
        unchecked
        {
            int hash = 17;
            foreach (int h in hashes) hash = (hash * 31) + h;
            return hash;
        }
    }
}
