using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Knobs.Generators.Model;

namespace Knobs.Generators.Parsing;

/// <summary>
/// Reads Run's body (parsed again from its text) into calls and declared names. Runs only when the template's
/// declaration or Run changed — never on an edit elsewhere.
/// </summary>
internal static class TemplateSyntaxReader
{
    public static TemplateSyntax Read(TemplateDeclaration d, CancellationToken cancellation)
    {
        RunSource? source = RunSource.Parse(d.Run, d.FilePath);
        List<CallSyntax> calls = source is null ? new List<CallSyntax>() : CallReader.Read(source.Method, cancellation);
        var locals = source is null ? new SortedSet<string>() : new SortedSet<string>(RunLocals.Of(source.Method), System.StringComparer.Ordinal);

        // Only the member names a call spells can hide anything; keeping just those keeps the model small.
        var spelled = new HashSet<string>(System.StringComparer.Ordinal) { "Knobs" };
        foreach (CallSyntax call in calls)
        {
            if (call.Shape == CallShape.Simple) spelled.Add(call.Name);
            else if (call.Shape == CallShape.Qualified && !call.Rooted) spelled.Add(call.Qualifier[0]);
        }
        return new TemplateSyntax(d.Name, d.FullName, d.Namespace, d.ContainingTypes, d.FileUsings, d.NamespaceUsings, d.Classifier, d.HasLabelled, d.FilePath, d.Location, d.Run,
            new ScopeSyntax(d.Namespaces, d.FileUsingSpecs, locals.ToEquatableArray(), d.MemberNames.Where(spelled.Contains).ToEquatableArray()),
            calls.ToEquatableArray());
    }
}
