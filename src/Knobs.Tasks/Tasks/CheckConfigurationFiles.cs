using System;
using System.Collections.Generic;
using System.Linq;
using Knobs.Tasks.Logging;
using Knobs.Tasks.Simulation;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Knobs.Tasks;

/// <summary>
/// Checks the configuration files Simulate will read before anything is built, profiled or run (the
/// <c>CheckConfigurations</c> target, first in Simulate's chain): a typo fails the build in seconds, with the file, line
/// and column, instead of after ProfileTable has profiled every variant. Launches nothing.
/// </summary>
public sealed class CheckConfigurationFiles : Task
{
    /// <summary><c>$(KnobsConfigurations)</c>, full paths.</summary>
    [Required] public ITaskItem[] ConfigurationFiles { get; set; } = Array.Empty<ITaskItem>();

    /// <summary><c>@(KnobTable)</c>: their knob types are approx names a configuration may use.</summary>
    public ITaskItem[] KnobTables { get; set; } = Array.Empty<ITaskItem>();

    /// <summary><c>$(KnobsValidate)</c>: also check that every configuration name can name its measurement (KNB0433).</summary>
    public bool Validate { get; set; }

    /// <summary>Root of the help links of logged diagnostics (<c>KnobsHelpLinkRoot</c>); empty: the project's docs/diagnostics.</summary>
    public string? HelpLinkRoot { get; set; }

    /// <inheritdoc />
    public override bool Execute()
    {
        var log = new MSBuildTaskLog(Log, HelpLinkRoot);
        IReadOnlyList<string> knobTables = KnobTables.Select(t => t.GetMetadata("FullPath")).ToList();
        bool ok = true;
        foreach (ITaskItem file in ConfigurationFiles)
        {
            string path = file.GetMetadata("FullPath");
            if (ConfigurationCheck.Check(log, path, knobTables, Validate))
            {
                log.Detail("Knobs: " + LogText.Escape(path) + " reads without errors");
            }
            else
            {
                ok = false;
            }
        }
        return ok && !Log.HasLoggedErrors;
    }
}
