using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Knobs.Profiles;
using Knobs.Tables;

namespace Knobs.Predictors.Genprof;

/// <summary>What <c>knobs genprof</c> writes, and where.</summary>
public sealed record GenprofResult(IReadOnlyList<Primitive> Primitives, IReadOnlyList<ProfilingNetwork> Networks, IReadOnlyList<Architecture> Architectures,
    string ProfilingProject, string? ArchitecturesProject);

/// <summary>
/// Writes the generated projects: <c>profiling/</c> (one template per profiling network) and, when architectures are
/// asked for, <c>architectures/</c> (one template per sampled architecture), each a Knobs benchmark project that
/// ProfileTable profiles; plus <c>primitives.csv</c> and <c>architectures.csv</c> saying what each network holds.
/// Every file is written atomically and deterministically.
/// </summary>
public static class GenprofProject
{
    /// <summary>
    /// Writes everything under <paramref name="outDir"/>. <paramref name="knobsVersion"/> is the Knobs package version the
    /// projects reference; with <paramref name="repoRoot"/> they build against that Knobs repository instead (its samples'
    /// wiring), for work inside the repository.
    /// </summary>
    public static GenprofResult Write(SearchSpace space, string outDir, int architectures, ulong seed, string knobsVersion, string? repoRoot)
    {
        IReadOnlyList<Primitive> primitives = ProfilingNetworks.Primitives(space);
        IReadOnlyList<ProfilingNetwork> networks = ProfilingNetworks.Chain(space, primitives);
        IReadOnlyList<Architecture> archs = architectures > 0 ? ProfilingNetworks.Sample(space, architectures, seed) : Array.Empty<Architecture>();
        string prefix = ProfilingNetworks.Pascal(space.Name);
        string ns = "KnobsGenprof." + prefix;
        string profiling = Path.Combine(outDir, "profiling");
        WriteProject(profiling, prefix + "Profiling", knobsVersion, repoRoot);
        foreach (ProfilingNetwork n in networks)
        {
            string summary = $"Profiling network of search space '{space.Name}': {n.Primitives.Count} primitive(s) chained, 1x1 glue convolutions between them.";
            AtomicFile.WriteAllText(Path.Combine(profiling, n.ClassName + ".cs"), TemplateWriter.Write(ns, n.ClassName, summary, n.Primitives));
        }
        string? archDir = null;
        if (archs.Count > 0)
        {
            archDir = Path.Combine(outDir, "architectures");
            WriteProject(archDir, prefix + "Architectures", knobsVersion, repoRoot);
            foreach (Architecture a in archs)
            {
                string summary = $"Architecture sampled from search space '{space.Name}' (seed {seed.ToString(CultureInfo.InvariantCulture)}).";
                AtomicFile.WriteAllText(Path.Combine(archDir, a.ClassName + ".cs"), TemplateWriter.Write(ns + ".Architectures", a.ClassName, summary, a.Primitives));
            }
        }
        var csv = new StringBuilder("primitive,kind,in_channels,out_channels,kernel,stride,expansion,activation,size,network\n");
        foreach (ProfilingNetwork n in networks)
        {
            foreach (Primitive p in n.Primitives)
            {
                csv.Append(TableText.Csv(p.Describe())).Append(',').Append(p.Kind.ToString().ToLowerInvariant()).Append(',')
                    .Append(string.Join(",", new[] { p.InChannels, p.OutChannels, p.Kernel, p.Stride, p.Expansion }.Select(x => x.ToString(CultureInfo.InvariantCulture))))
                    .Append(',').Append(Primitive.Word(p.Activation)).Append(',').Append(p.Size.ToString(CultureInfo.InvariantCulture)).Append(',').Append(n.ClassName).Append('\n');
            }
        }
        AtomicFile.WriteAllText(Path.Combine(outDir, "primitives.csv"), csv.ToString());
        if (archs.Count > 0)
        {
            var a = new StringBuilder("architecture,blocks\n");
            foreach (Architecture arch in archs) a.Append(arch.ClassName).Append(',').Append(TableText.Csv(arch.Describe())).Append('\n');
            AtomicFile.WriteAllText(Path.Combine(outDir, "architectures.csv"), a.ToString());
        }
        return new GenprofResult(primitives, networks, archs, profiling, archDir);
    }

    private static void WriteProject(string dir, string name, string knobsVersion, string? repoRoot)
    {
        var b = new StringBuilder();
        b.Append("<Project Sdk=\"Microsoft.NET.Sdk\">\n");
        b.Append("  <!-- Written by 'knobs genprof'. Profile it with: dotnet msbuild -t:ProfileTable (add -p:\"KnobsVariants=...\" to profile some knobs only). -->\n");
        b.Append("  <PropertyGroup>\n    <OutputType>Exe</OutputType>\n    <TargetFramework>net10.0</TargetFramework>\n    <Nullable>enable</Nullable>\n");
        b.Append("    <AssemblyName>").Append(name).Append("</AssemblyName>\n  </PropertyGroup>\n");
        if (repoRoot is null)
        {
            b.Append("  <ItemGroup>\n    <PackageReference Include=\"Knobs\" Version=\"").Append(knobsVersion).Append("\" />\n  </ItemGroup>\n");
        }
        b.Append("</Project>\n");
        AtomicFile.WriteAllText(Path.Combine(dir, name + ".csproj"), b.ToString());
        if (repoRoot is not null)
        {
            // Inside the Knobs repository: the samples' in-repo wiring stands in for the package.
            string samples = Path.Combine(Path.GetFullPath(repoRoot), "samples");
            AtomicFile.WriteAllText(Path.Combine(dir, "Directory.Build.props"),
                "<Project>\n  <Import Project=\"" + Path.Combine(samples, "Directory.Build.props") + "\" />\n</Project>\n");
            AtomicFile.WriteAllText(Path.Combine(dir, "Directory.Build.targets"),
                "<Project>\n  <Import Project=\"" + Path.Combine(samples, "Directory.Build.targets") + "\" />\n</Project>\n");
        }
    }
}
