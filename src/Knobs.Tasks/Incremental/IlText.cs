using System;
using System.Collections.Generic;
using System.Globalization;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Text;

namespace Knobs.Tasks.Incremental;

/// <summary>Writes a method body's IL as text with every token replaced by the name it stands for.</summary>
internal static class IlText
{
    private static readonly Dictionary<ushort, OperandType> Operands = BuildOperandTable();

    public static void Append(StringBuilder text, MethodBodyBlock body, SignatureNamer namer)
    {
        text.Append("maxstack ").Append(body.MaxStack.ToString(CultureInfo.InvariantCulture))
            .Append(body.LocalVariablesInitialized ? " init " : " ");
        if (!body.LocalSignature.IsNil)
        {
            text.Append(namer.StandaloneSignature(body.LocalSignature));
        }
        text.Append('\n');
        BlobReader il = body.GetILReader();
        while (il.RemainingBytes > 0)
        {
            ushort code = il.ReadByte();
            if (code == 0xFE)
            {
                code = (ushort)(0xFE00 | il.ReadByte());
            }
            text.Append(code.ToString("X", CultureInfo.InvariantCulture));
            if (!Operands.TryGetValue(code, out OperandType operand))
            {
                throw new BadImageFormatException("Unknown IL opcode 0x" + code.ToString("X", CultureInfo.InvariantCulture));
            }
            AppendOperand(text, ref il, operand, namer);
            text.Append('\n');
        }
        foreach (ExceptionRegion region in body.ExceptionRegions)
        {
            text.Append("try ").Append(region.Kind.ToString()).Append(' ')
                .Append(region.TryOffset.ToString(CultureInfo.InvariantCulture)).Append(' ')
                .Append(region.TryLength.ToString(CultureInfo.InvariantCulture)).Append(' ')
                .Append(region.HandlerOffset.ToString(CultureInfo.InvariantCulture)).Append(' ')
                .Append(region.HandlerLength.ToString(CultureInfo.InvariantCulture)).Append(' ')
                .Append(region.CatchType.IsNil ? "" : namer.TypeName(region.CatchType)).Append('\n');
        }
    }

    private static void AppendOperand(StringBuilder text, ref BlobReader il, OperandType operand, SignatureNamer namer)
    {
        switch (operand)
        {
            case OperandType.InlineNone:
                return;
            case OperandType.ShortInlineBrTarget:
            case OperandType.ShortInlineI:
            case OperandType.ShortInlineVar:
                text.Append(' ').Append(il.ReadByte().ToString(CultureInfo.InvariantCulture));
                return;
            case OperandType.InlineVar:
                text.Append(' ').Append(il.ReadUInt16().ToString(CultureInfo.InvariantCulture));
                return;
            case OperandType.InlineBrTarget:
            case OperandType.InlineI:
            case OperandType.ShortInlineR:
                text.Append(' ').Append(il.ReadInt32().ToString(CultureInfo.InvariantCulture));
                return;
            case OperandType.InlineI8:
            case OperandType.InlineR:
                text.Append(' ').Append(il.ReadInt64().ToString(CultureInfo.InvariantCulture));
                return;
            case OperandType.InlineSwitch:
                int count = il.ReadInt32();
                for (int i = 0; i < count; i++)
                {
                    text.Append(' ').Append(il.ReadInt32().ToString(CultureInfo.InvariantCulture));
                }
                return;
            default:
                // InlineField, InlineMethod, InlineSig, InlineString, InlineTok, InlineType: a metadata token.
                text.Append(' ').Append(namer.Token(il.ReadInt32()));
                return;
        }
    }

    private static Dictionary<ushort, OperandType> BuildOperandTable()
    {
        var table = new Dictionary<ushort, OperandType>();
        foreach (FieldInfo field in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            if (field.GetValue(null) is OpCode opCode)
            {
                table[unchecked((ushort)opCode.Value)] = opCode.OperandType;
            }
        }
        return table;
    }
}
