using System.Collections.Immutable;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;

namespace Knobs.Tasks.Incremental;

/// <summary>
/// Turns signatures into text that names types instead of metadata tokens, so a hash of it does not change
/// when an unrelated edit elsewhere in the assembly renumbers the tokens.
/// </summary>
internal sealed class SignatureNamer : ISignatureTypeProvider<string, object?>
{
    private readonly MetadataReader _reader;

    public SignatureNamer(MetadataReader reader) => _reader = reader;

    public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode.ToString();

    public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => TypeName(handle);

    public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => TypeName(handle);

    public string GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
        reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

    public string GetSZArrayType(string elementType) => elementType + "[]";

    public string GetArrayType(string elementType, ArrayShape shape) => elementType + "[" + new string(',', shape.Rank - 1) + "]";

    public string GetByReferenceType(string elementType) => elementType + "&";

    public string GetPointerType(string elementType) => elementType + "*";

    public string GetPinnedType(string elementType) => elementType + " pinned";

    public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments) =>
        genericType + "<" + string.Join(",", typeArguments) + ">";

    public string GetGenericTypeParameter(object? genericContext, int index) => "!" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public string GetGenericMethodParameter(object? genericContext, int index) => "!!" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public string GetFunctionPointerType(MethodSignature<string> signature) => "fnptr(" + Method(signature) + ")";

    public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) =>
        unmodifiedType + (isRequired ? " modreq(" : " modopt(") + modifier + ")";

    public string Method(MethodSignature<string> signature) =>
        signature.ReturnType + "(" + string.Join(",", signature.ParameterTypes) + ")`" +
        signature.GenericParameterCount.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public string TypeName(EntityHandle handle)
    {
        switch (handle.Kind)
        {
            case HandleKind.TypeDefinition:
                TypeDefinition def = _reader.GetTypeDefinition((TypeDefinitionHandle)handle);
                string name = Qualify(_reader.GetString(def.Namespace), _reader.GetString(def.Name));
                TypeDefinitionHandle outer = def.GetDeclaringType();
                return outer.IsNil ? name : TypeName(outer) + "/" + name;
            case HandleKind.TypeReference:
                TypeReference reference = _reader.GetTypeReference((TypeReferenceHandle)handle);
                string refName = Qualify(_reader.GetString(reference.Namespace), _reader.GetString(reference.Name));
                return reference.ResolutionScope.Kind == HandleKind.TypeReference
                    ? TypeName((TypeReferenceHandle)reference.ResolutionScope) + "/" + refName
                    : refName;
            case HandleKind.TypeSpecification:
                return _reader.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(this, null);
            default:
                return handle.Kind.ToString();
        }
    }

    private static string Qualify(string ns, string name) => ns.Length == 0 ? name : ns + "." + name;

    /// <summary>A stable name for any token an IL instruction can carry.</summary>
    public string Token(int token)
    {
        if ((token >> 24) == 0x70)
        {
            return "\"" + _reader.GetUserString(MetadataTokens.UserStringHandle(token & 0xFFFFFF)) + "\"";
        }
        EntityHandle handle = MetadataTokens.EntityHandle(token);
        switch (handle.Kind)
        {
            case HandleKind.MethodDefinition:
                MethodDefinition method = _reader.GetMethodDefinition((MethodDefinitionHandle)handle);
                return TypeName(method.GetDeclaringType()) + "::" + _reader.GetString(method.Name) + Method(method.DecodeSignature(this, null));
            case HandleKind.FieldDefinition:
                FieldDefinition field = _reader.GetFieldDefinition((FieldDefinitionHandle)handle);
                return TypeName(field.GetDeclaringType()) + "::" + _reader.GetString(field.Name) + ":" + field.DecodeSignature(this, null);
            case HandleKind.MemberReference:
                MemberReference member = _reader.GetMemberReference((MemberReferenceHandle)handle);
                string parent = member.Parent.Kind switch
                {
                    HandleKind.MethodDefinition => Token(MetadataTokens.GetToken(member.Parent)),
                    HandleKind.ModuleReference => _reader.GetString(_reader.GetModuleReference((ModuleReferenceHandle)member.Parent).Name),
                    _ => TypeName(member.Parent),
                };
                string signature = member.GetKind() == MemberReferenceKind.Method
                    ? Method(member.DecodeMethodSignature(this, null))
                    : ":" + member.DecodeFieldSignature(this, null);
                return parent + "::" + _reader.GetString(member.Name) + signature;
            case HandleKind.MethodSpecification:
                MethodSpecification spec = _reader.GetMethodSpecification((MethodSpecificationHandle)handle);
                return Token(MetadataTokens.GetToken(spec.Method)) + "<" + string.Join(",", spec.DecodeSignature(this, null)) + ">";
            case HandleKind.StandaloneSignature:
                return StandaloneSignature((StandaloneSignatureHandle)handle);
            default:
                return TypeName(handle);
        }
    }

    public string StandaloneSignature(StandaloneSignatureHandle handle)
    {
        StandaloneSignature signature = _reader.GetStandaloneSignature(handle);
        return signature.GetKind() == StandaloneSignatureKind.LocalVariables
            ? "locals(" + string.Join(",", signature.DecodeLocalSignature(this, null).ToArray()) + ")"
            : "sig(" + Method(signature.DecodeMethodSignature(this, null)) + ")";
    }
}
