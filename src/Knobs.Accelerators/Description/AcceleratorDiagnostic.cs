using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Knobs.KnobTables;

namespace Knobs.Accelerators.Description;

/// <summary>One problem of an accelerator input: id, file, line, column and what to do.</summary>
public sealed class AcceleratorDiagnostic
{
    /// <summary>Creates a diagnostic.</summary>
    public AcceleratorDiagnostic(string id, string file, int line, int column, string message)
    {
        Id = id;
        File = file;
        Line = line;
        Column = column;
        Message = message;
    }

    /// <summary>The KNB05xx id.</summary>
    public string Id { get; }
    /// <summary>The file.</summary>
    public string File { get; }
    /// <summary>1-based line, 0 when the problem is the whole file.</summary>
    public int Line { get; }
    /// <summary>1-based column, 0 when unknown.</summary>
    public int Column { get; }
    /// <summary>What is wrong and what to do.</summary>
    public string Message { get; }

    /// <summary>MSBuild's canonical form: <c>file(line,col): error KNB05xx: message</c>, control characters escaped.</summary>
    public override string ToString()
    {
        string at = Line <= 0 ? File : Column <= 0
            ? string.Format(CultureInfo.InvariantCulture, "{0}({1})", File, Line)
            : string.Format(CultureInfo.InvariantCulture, "{0}({1},{2})", File, Line, Column);
        return SafeText.Escape(at) + ": error " + Id + ": " + SafeText.Escape(Message);
    }
}

/// <summary>An accelerator input (a description, a SCALE-Sim file) that cannot be used; every problem found is listed.</summary>
public sealed class AcceleratorInputException : Exception
{
    /// <summary>Creates the exception from its diagnostics (at least one).</summary>
    public AcceleratorInputException(IReadOnlyList<AcceleratorDiagnostic> diagnostics)
        : base(string.Join(Environment.NewLine, diagnostics.Select(d => d.ToString())))
    {
        if (diagnostics.Count == 0) throw new ArgumentException("at least one diagnostic", nameof(diagnostics));
        Diagnostics = diagnostics;
    }

    /// <summary>The problems, in file order.</summary>
    public IReadOnlyList<AcceleratorDiagnostic> Diagnostics { get; }
}
