namespace Knobs.Simulation;

/// <summary>
/// The simulator's hot path: predicted time and energy of one resolved configuration. Arrays only — no LINQ,
/// dictionaries or allocation.
/// </summary>
internal static class Evaluator
{
    /// <summary>
    /// Σ per-op values of the chosen cells, plus the conversion cost of an op's input wherever its precision differs
    /// from the previous op's (the network input is fp32). A conversion never measured adds nothing and is counted.
    /// </summary>
    public static Prediction Evaluate(CompiledTable table, CompiledConfiguration configuration)
    {
        double[] time = table.Time, energy = table.Energy;
        double[] f2h = table.F2h, h2f = table.H2f, f2hEnergy = table.F2hEnergy, h2fEnergy = table.H2fEnergy;
        int[] cells = configuration.Cells;
        bool[] half = configuration.Half;
        double t = 0, e = 0;
        int unmeasured = 0;
        bool previousHalf = false;
        for (int g = 0; g < cells.Length; g++)
        {
            int c = cells[g];
            t += time[c];
            e += energy[c];
            bool h = half[g];
            if (h != previousHalf)
            {
                double cost = h ? f2h[g] : h2f[g];
                if (double.IsNaN(cost))
                {
                    unmeasured++;
                }
                else
                {
                    t += cost;
                    e += h ? f2hEnergy[g] : h2fEnergy[g];
                }
                previousHalf = h;
            }
        }
        return new Prediction(t, double.IsNaN(e) ? null : e, unmeasured);
    }
}

/// <summary>A predicted cost: time (ms), energy (J, null when not measured), and precision changes whose cost was unknown.</summary>
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
    /// <summary>Precision changes left out because their conversion cost was never measured.</summary>
    public int UnmeasuredConversions { get; }
}
