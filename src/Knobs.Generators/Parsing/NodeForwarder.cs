using System.Linq;
using Knobs.Generators.Model;

namespace Knobs.Generators.Parsing;

/// <summary>
/// The rule for the documented marker syntax <c>Knobs.Node("name")</c>: when the template, its containing types and
/// their base types have no member named <c>Knobs</c> and Run declares no such name, the generated partial declares a
/// nested <c>private static class Knobs</c> that forwards to <c>Knobs.NodeMarker.Node</c>. A member of the class is found
/// before any namespace, alias or imported type, so every <c>Knobs.Node(...)</c> in Run then calls the marker, in any
/// namespace. A syntactic rule, so both resolvers and the emitter agree without asking the compilation.
/// </summary>
internal static class NodeForwarder
{
    /// <summary>Whether the generated partial must declare the forwarder: Run spells <c>Knobs.Node(...)</c> and nothing else is named Knobs.</summary>
    public static bool Needed(TemplateSyntax template) => template.Calls.Any(c => Calls(c, template.Scope));

    /// <summary>Whether <paramref name="call"/> is <c>Knobs.Node(...)</c> and reaches the forwarder.</summary>
    public static bool Calls(CallSyntax call, ScopeSyntax scope)
        => call.Shape == CallShape.Qualified && !call.Rooted && call.Name == KnownNames.NodeMarkerMethod
           && call.Qualifier.Count == 1 && call.Qualifier[0] == KnownNames.NodeForwarderClass
           && !scope.MemberNames.Contains(KnownNames.NodeForwarderClass) && !scope.Locals.Contains(KnownNames.NodeForwarderClass);
}
