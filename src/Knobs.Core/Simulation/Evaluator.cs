namespace Knobs.Simulation;

/// <summary>
/// The simulator's hot path: predicted time and energy of one resolved configuration. Arrays only — no LINQ,
/// dictionaries or allocation.
/// </summary>
internal static class Evaluator
{
    /// <summary>
    /// Σ per-op values of the chosen cells, plus a transition wherever an op's input must move: between devices
    /// (the network input is on the host: <c>h2d</c> onto a device, <c>d2h</c> back, both through the host between two
    /// devices) and between precisions (<c>f2h</c>/<c>h2f</c> of the receiving op's device; the input is fp32). A transition
    /// never measured adds nothing and is counted.
    /// </summary>
    public static Prediction Evaluate(CompiledTable table, CompiledConfiguration configuration)
    {
        double[] time = table.Time, energy = table.Energy;
        double[] f2h = table.F2h, h2f = table.H2f, f2hEnergy = table.F2hEnergy, h2fEnergy = table.H2fEnergy;
        int[] cells = configuration.Cells, devices = configuration.Devices;
        bool[] half = configuration.Half;
        int opCount = table.OpCount, host = table.Host;
        double t = 0, e = 0;
        int unmeasured = 0;
        bool previousHalf = false;
        int previousDevice = host;
        for (int g = 0; g < cells.Length; g++)
        {
            int c = cells[g], d = devices[g];
            t += time[c];
            e += energy[c];
            if (d != previousDevice)
            {
                // Off the previous device to the host, then onto this one; the host table (or none) has no copies.
                if (previousDevice != host) Add(table.D2h, table.D2hEnergy, previousDevice * opCount + g, ref t, ref e, ref unmeasured);
                if (d != host) Add(table.H2d, table.H2dEnergy, d * opCount + g, ref t, ref e, ref unmeasured);
                previousDevice = d;
            }
            bool h = half[g];
            if (h != previousHalf)
            {
                int at = d * opCount + g;
                if (h) Add(f2h, f2hEnergy, at, ref t, ref e, ref unmeasured);
                else Add(h2f, h2fEnergy, at, ref t, ref e, ref unmeasured);
                previousHalf = h;
            }
        }
        return new Prediction(t, double.IsNaN(e) ? null : e, unmeasured);
    }

    private static void Add(double[] time, double[] energy, int at, ref double t, ref double e, ref int unmeasured)
    {
        double cost = time[at];
        if (double.IsNaN(cost))
        {
            unmeasured++;
            return;
        }
        t += cost;
        e += energy[at];
    }
}

/// <summary>A predicted cost: time (ms), energy (J, null when not measured), and transitions whose cost was unknown.</summary>
public readonly struct Prediction
{
    /// <summary>Creates a prediction.</summary>
    public Prediction(double time, double? energy, int unmeasuredConversions)
    {
        Time = time;
        Energy = energy;
        UnmeasuredConversions = unmeasuredConversions;
    }

    /// <summary>Predicted time of one run, ms.</summary>
    public double Time { get; }
    /// <summary>Predicted energy of one run (J), or null when not measured.</summary>
    public double? Energy { get; }
    /// <summary>Precision or device transitions left out because their cost was never measured.</summary>
    public int UnmeasuredConversions { get; }
}
