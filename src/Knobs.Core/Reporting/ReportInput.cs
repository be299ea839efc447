using System.Collections.Generic;
using Knobs.Simulation;
using Knobs.Tables;

namespace Knobs.Reporting;

/// <summary>What a report shows: per benchmark its lookup table and, optionally, a simulation and a validation.</summary>
public sealed class ReportInput
{
    private readonly List<ReportBenchmark> _benchmarks = new();

    /// <summary>The page title.</summary>
    public string Title { get; set; } = "Knobs profiling report";

    /// <summary>The benchmarks, in the order added.</summary>
    public IReadOnlyList<ReportBenchmark> Benchmarks => _benchmarks;

    /// <summary>Adds a benchmark's table with its optional simulation and validation.</summary>
    public ReportInput Add(LookupTable table, SimulationResult? simulation = null, ValidationReport? validation = null)
    {
        _benchmarks.Add(new ReportBenchmark(table, simulation, validation));
        return this;
    }
}

/// <summary>One benchmark of a report.</summary>
public sealed class ReportBenchmark
{
    internal ReportBenchmark(LookupTable table, SimulationResult? simulation, ValidationReport? validation)
    {
        Table = table;
        Simulation = simulation;
        Validation = validation;
    }

    /// <summary>The lookup table.</summary>
    public LookupTable Table { get; }
    /// <summary>Simulated configurations, or null.</summary>
    public SimulationResult? Simulation { get; }
    /// <summary>Predicted vs measured, or null.</summary>
    public ValidationReport? Validation { get; }
}
