using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Security.Cryptography;
using System.Text;

namespace Knobs.Tasks.Incremental;

/// <summary>
/// Fingerprints of a built app, one per benchmark template, so that editing one template re-profiles only
/// that template's variants. A benchmark's fingerprint covers: its template type and everything nested in it
/// (the generated variants live there), every other hand-written type of the app (weights, helpers — shared, so
/// a change there re-profiles everything), and the content of the assemblies next to the app (the Knobs
/// runtime and kernels). Top-level types the Knobs generator emitted (registry, entry point) are left out:
/// they only restate the templates. IL is hashed with tokens replaced by names, so an edit in one type does not
/// change the fingerprint of another through renumbered tokens.
/// </summary>
internal static class AssemblyFingerprint
{
    private const string TemplateAttribute = "KnobBenchmarkAttribute";
    private const string GeneratedCodeAttribute = "GeneratedCodeAttribute";

    /// <summary>Fingerprint (hex SHA-256) per template class name found in <paramref name="appPath"/>.</summary>
    public static IReadOnlyDictionary<string, string> PerBenchmark(string appPath)
    {
        using var stream = File.OpenRead(appPath);
        using var pe = new PEReader(stream);
        MetadataReader reader = pe.GetMetadataReader();
        var namer = new SignatureNamer(reader);
        var templates = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var shared = new StringBuilder();
        var topLevel = reader.TypeDefinitions
            .Select(h => (Handle: h, Type: reader.GetTypeDefinition(h)))
            .Where(t => t.Type.GetDeclaringType().IsNil)
            .OrderBy(t => namer.TypeName(t.Handle), StringComparer.Ordinal);
        foreach (var (handle, type) in topLevel)
        {
            string name = reader.GetString(type.Name);
            if (name == "<PrivateImplementationDetails>")
            {
                continue; // data blobs; their field names are content hashes, which the IL that uses them names
            }
            if (HasAttribute(reader, type.GetCustomAttributes(), TemplateAttribute))
            {
                var text = new StringBuilder();
                TypeText.Append(text, reader, namer, pe, handle);
                templates[name] = text.ToString();
            }
            else if (!IsKnobsGenerated(reader, type.GetCustomAttributes()))
            {
                TypeText.Append(shared, reader, namer, pe, handle);
            }
        }
        string context = Hash(shared.ToString()) + DependencyHash(appPath);
        return templates.ToDictionary(t => t.Key, t => Hash(context + "\n" + t.Value), StringComparer.Ordinal);
    }

    private static string DependencyHash(string appPath)
    {
        string dir = Path.GetDirectoryName(Path.GetFullPath(appPath)) ?? ".";
        var all = new StringBuilder();
        foreach (string dll in Directory.GetFiles(dir, "*.dll").OrderBy(f => Path.GetFileName(f), StringComparer.Ordinal))
        {
            if (string.Equals(Path.GetFullPath(dll), Path.GetFullPath(appPath), StringComparison.Ordinal))
            {
                continue;
            }
            using var sha = SHA256.Create();
            using var file = File.OpenRead(dll);
            all.Append(Path.GetFileName(dll)).Append(':').Append(Convert.ToHexString(sha.ComputeHash(file))).Append('\n');
        }
        return Hash(all.ToString());
    }

    internal static bool HasAttribute(MetadataReader reader, CustomAttributeHandleCollection attributes, string attributeName) =>
        attributes.Any(a => AttributeTypeName(reader, reader.GetCustomAttribute(a)) == attributeName);

    private static bool IsKnobsGenerated(MetadataReader reader, CustomAttributeHandleCollection attributes)
    {
        foreach (CustomAttributeHandle handle in attributes)
        {
            CustomAttribute attribute = reader.GetCustomAttribute(handle);
            if (AttributeTypeName(reader, attribute) != GeneratedCodeAttribute)
            {
                continue;
            }
            BlobReader value = reader.GetBlobReader(attribute.Value);
            if (value.Length >= 2 && value.ReadUInt16() == 1 && value.ReadSerializedString() == "Knobs")
            {
                return true;
            }
        }
        return false;
    }

    private static string? AttributeTypeName(MetadataReader reader, CustomAttribute attribute)
    {
        EntityHandle type = attribute.Constructor.Kind switch
        {
            HandleKind.MemberReference => reader.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent,
            HandleKind.MethodDefinition => reader.GetMethodDefinition((MethodDefinitionHandle)attribute.Constructor).GetDeclaringType(),
            _ => default,
        };
        return type.Kind switch
        {
            HandleKind.TypeReference => reader.GetString(reader.GetTypeReference((TypeReferenceHandle)type).Name),
            HandleKind.TypeDefinition => reader.GetString(reader.GetTypeDefinition((TypeDefinitionHandle)type).Name),
            _ => null,
        };
    }

    internal static string Hash(string text)
    {
        using var sha = SHA256.Create();
        return Convert.ToHexString(sha.ComputeHash(Encoding.UTF8.GetBytes(text))).ToLowerInvariant();
    }
}
