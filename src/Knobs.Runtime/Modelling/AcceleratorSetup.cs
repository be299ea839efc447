using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Knobs.Accelerators.Description;
using Knobs.Accelerators.Modelling;
using Knobs.Runtime.Cli;

namespace Knobs.Runtime.Modelling;

/// <summary>
/// What <c>run --accelerator</c> needs before anything runs: the description (every problem reported with its line) and
/// the models that the app's own <c>[TensorOp]</c> methods declare with <see cref="AcceleratorModelAttribute"/>.
/// </summary>
internal static class AcceleratorSetup
{
    public static AcceleratorModeller Create(string descriptionPath, Assembly app)
    {
        AcceleratorDescription description;
        try
        {
            description = AcceleratorReader.Load(descriptionPath);
        }
        catch (AcceleratorInputException e)
        {
            // One line per problem, each with its own id, file and line; exit 2 like any bad argument.
            AcceleratorDiagnostic first = e.Diagnostics[0];
            throw new UsageException(string.Join(Environment.NewLine, e.Diagnostics.Select(d => d.ToString())), first.Id) { Preformatted = true };
        }
        return new AcceleratorModeller(description, CustomModels(app));
    }

    /// <summary>The declared model of every <c>[TensorOp]</c> method of <paramref name="app"/>, by method name.</summary>
    public static IReadOnlyDictionary<string, OpModel> CustomModels(Assembly app)
    {
        var models = new SortedDictionary<string, OpModel>(StringComparer.Ordinal);
        var declaredBy = new Dictionary<string, string>(StringComparer.Ordinal);
        Type[] types;
        try
        {
            types = app.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            types = e.Types.Where(t => t is not null).ToArray()!;
        }
        foreach (Type type in types.OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            foreach (MethodInfo method in type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                if (method.GetCustomAttribute<AcceleratorModelAttribute>() is not { } attribute) continue;
                string where = type.FullName + "." + method.Name;
                if (method.GetCustomAttribute<TensorOpAttribute>() is null)
                {
                    throw Usage($"{where} has [AcceleratorModel] but is not a [TensorOp] method; put the model on the op method itself");
                }
                Type model = attribute.Model;
                if (!typeof(OpModel).IsAssignableFrom(model) || model.IsAbstract || model.GetConstructor(Type.EmptyTypes) is null)
                {
                    throw Usage($"{where}: [AcceleratorModel(typeof({model.FullName}))] must name a non-abstract class deriving from Knobs.Accelerators.Modelling.OpModel with a public parameterless constructor");
                }
                if (declaredBy.TryGetValue(method.Name, out string? other) && other != model.FullName)
                {
                    throw Usage($"{where} declares the model {model.FullName}, but another op named {method.Name} declares {other}; profiles name ops by method name, so give the ops different names");
                }
                declaredBy[method.Name] = model.FullName!;
                models[method.Name] = (OpModel)Activator.CreateInstance(model)!;
            }
        }
        return models;
    }

    private static UsageException Usage(string message) => new(message, Knobs.Diagnostics.AcceleratorDiagnosticIds.NoModelForOp);
}
