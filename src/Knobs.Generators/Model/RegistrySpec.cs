namespace Knobs.Generators.Model;

/// <summary>A template as the registry lists it.</summary>
internal sealed record BenchmarkRef(string Name, string FullName, LocationInfo Location);

/// <summary>The project's templates and whether the generator must supply <c>Main</c>.</summary>
internal sealed record RegistrySpec(EquatableArray<BenchmarkRef> Benchmarks, bool EmitEntryPoint);

/// <summary>What decides whether the generator writes an entry point.</summary>
internal sealed record EntryPointFacts(bool IsExecutable, bool HasMain, bool HasRunner);

/// <summary>The <c>KnobsProfiling</c> property: the mode, and the text when it was not a known value.</summary>
internal sealed record ProfilingSetting(ProfilingMode Mode, string? InvalidValue);
