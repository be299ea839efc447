using System.Globalization;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text;

namespace Knobs.Tasks.Incremental;

/// <summary>A type's metadata and IL as token-free text (see <see cref="AssemblyFingerprint"/>).</summary>
internal static class TypeText
{
    public static void Append(StringBuilder text, MetadataReader reader, SignatureNamer namer, PEReader pe, TypeDefinitionHandle handle)
    {
        TypeDefinition type = reader.GetTypeDefinition(handle);
        text.Append("type ").Append(namer.TypeName(handle)).Append(' ').Append(((int)type.Attributes).ToString(CultureInfo.InvariantCulture));
        if (!type.BaseType.IsNil)
        {
            text.Append(" : ").Append(namer.TypeName(type.BaseType));
        }
        foreach (InterfaceImplementationHandle i in type.GetInterfaceImplementations())
        {
            text.Append(" , ").Append(namer.TypeName(reader.GetInterfaceImplementation(i).Interface));
        }
        text.Append('\n');
        AppendAttributes(text, reader, namer, type.GetCustomAttributes());
        foreach (FieldDefinitionHandle f in type.GetFields())
        {
            FieldDefinition field = reader.GetFieldDefinition(f);
            text.Append("field ").Append(reader.GetString(field.Name)).Append(' ')
                .Append(((int)field.Attributes).ToString(CultureInfo.InvariantCulture)).Append(' ')
                .Append(field.DecodeSignature(namer, null));
            if (!field.GetDefaultValue().IsNil)
            {
                Constant constant = reader.GetConstant(field.GetDefaultValue());
                text.Append(" = ").Append(System.Convert.ToHexString(reader.GetBlobBytes(constant.Value)));
            }
            text.Append('\n');
            AppendAttributes(text, reader, namer, field.GetCustomAttributes());
        }
        foreach (MethodDefinitionHandle m in type.GetMethods())
        {
            MethodDefinition method = reader.GetMethodDefinition(m);
            text.Append("method ").Append(reader.GetString(method.Name)).Append(' ')
                .Append(((int)method.Attributes).ToString(CultureInfo.InvariantCulture)).Append(' ')
                .Append(namer.Method(method.DecodeSignature(namer, null))).Append('\n');
            AppendAttributes(text, reader, namer, method.GetCustomAttributes());
            if (method.RelativeVirtualAddress != 0)
            {
                IlText.Append(text, pe.GetMethodBody(method.RelativeVirtualAddress), namer);
            }
        }
        foreach (PropertyDefinitionHandle p in type.GetProperties())
        {
            PropertyDefinition property = reader.GetPropertyDefinition(p);
            text.Append("property ").Append(reader.GetString(property.Name)).Append('\n');
            AppendAttributes(text, reader, namer, property.GetCustomAttributes());
        }
        foreach (TypeDefinitionHandle nested in type.GetNestedTypes().OrderBy(n => namer.TypeName(n), System.StringComparer.Ordinal))
        {
            Append(text, reader, namer, pe, nested);
        }
    }

    private static void AppendAttributes(StringBuilder text, MetadataReader reader, SignatureNamer namer, CustomAttributeHandleCollection attributes)
    {
        foreach (CustomAttributeHandle a in attributes)
        {
            CustomAttribute attribute = reader.GetCustomAttribute(a);
            text.Append("  [").Append(namer.Token(System.Reflection.Metadata.Ecma335.MetadataTokens.GetToken(attribute.Constructor)))
                .Append(' ').Append(System.Convert.ToHexString(reader.GetBlobBytes(attribute.Value))).Append("]\n");
        }
    }
}
