using System;
using System.Linq;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace Knobs.Accelerators.Systolic;

/// <summary>
/// A SCALE-Sim v2 config file (INI as Python's configparser reads it: case-insensitive keys, <c>key = value</c> or
/// <c>key : value</c>, whole-line <c>#</c>/<c>;</c> comments, no duplicate sections or keys). Reads the keys v2 reads:
/// <c>[general] run_name</c>; <c>[architecture_presets]</c> ArrayHeight, ArrayWidth, IfmapSramSzkB, FilterSramSzkB,
/// OfmapSramSzkB, IfmapOffset, FilterOffset, OfmapOffset, Dataflow (os, ws, is) and, in USER mode, Bandwidth (a comma
/// list whose first value is used); <c>[run_presets] InterfaceBandwidth</c> (CALC or USER). Other keys (MemoryBanks)
/// are ignored, as v2 ignores them.
/// </summary>
public sealed class ScaleSimConfig
{
    private ScaleSimConfig(string runName, SystolicArray array, int ifmapKb, int filterKb, int ofmapKb)
    {
        RunName = runName;
        Array = array;
        IfmapSramKB = ifmapKb;
        FilterSramKB = filterKb;
        OfmapSramKB = ofmapKb;
    }

    /// <summary>The run name (the reports' sub-folder).</summary>
    public string RunName { get; }

    /// <summary>The array the config describes (SRAM words = 1024 × KB, since SCALE-Sim's word is one byte).</summary>
    public SystolicArray Array { get; }

    /// <summary>IFMAP SRAM size in KB.</summary>
    public int IfmapSramKB { get; }

    /// <summary>Filter SRAM size in KB.</summary>
    public int FilterSramKB { get; }

    /// <summary>OFMAP SRAM size in KB.</summary>
    public int OfmapSramKB { get; }

    /// <summary>
    /// Why <paramref name="runName"/> cannot name the reports' sub-folder, or null: it must be one folder name (no path
    /// separator, not <c>.</c> or <c>..</c>, no control or file-name-invalid character, at most 100 characters), so the
    /// reports never land outside the output folder.
    /// </summary>
    internal static string? RunNameProblem(string runName)
    {
        if (runName.Length > 100) return "run_name is longer than 100 characters; give a short folder name such as scale_run.";
        if (runName is "." or ".." || runName.IndexOfAny(new[] { '/', '\\' }) >= 0 || runName.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0
            || runName.Any(char.IsControl) || runName.Trim() != runName)
        {
            return "run_name must be one folder name (letters, digits, '_', '-', '.'; no path separator, '..' or surrounding spaces), since the reports go to <folder>/<run_name>/; give a name such as scale_run.";
        }
        return null;
    }

    /// <summary>Reads a config file; throws <see cref="ScaleSimInputException"/> on anything SCALE-Sim would reject or misread.</summary>
    public static ScaleSimConfig Load(string path)
    {
        if (path is null) throw new ArgumentNullException(nameof(path));
        string[] lines = ScaleSimInputException.ReadAllLines(path, "SCALE-Sim config");
        var ini = Ini.Parse(path, lines);
        string runName = ini.Get("general", "run_name");
        if (runName.Length == 0) throw ini.Error("general", "run_name", "run_name is empty; give the name of the reports' sub-folder.");
        if (RunNameProblem(runName) is { } problem) throw ini.Error("general", "run_name", problem);
        const string arch = "architecture_presets";
        int rows = ini.Int(arch, "ArrayHeight", 1);
        int cols = ini.Int(arch, "ArrayWidth", 1);
        int ifKb = ini.Int(arch, "IfmapSramSzkB", 1);
        int fiKb = ini.Int(arch, "FilterSramSzkB", 1);
        int ofKb = ini.Int(arch, "OfmapSramSzkB", 1);
        int ifOff = ini.Int(arch, "IfmapOffset", 0);
        int fiOff = ini.Int(arch, "FilterOffset", 0);
        int ofOff = ini.Int(arch, "OfmapOffset", 0);
        string df = ini.Get(arch, "Dataflow");
        Dataflow dataflow = df switch
        {
            "os" => Dataflow.OutputStationary,
            "ws" => Dataflow.WeightStationary,
            "is" => Dataflow.InputStationary,
            _ => throw ini.Error(arch, "Dataflow", $"unknown Dataflow '{df}'; use os, ws or is."),
        };
        string mode = ini.Get("run_presets", "InterfaceBandwidth");
        int? bandwidth;
        if (mode == "CALC")
        {
            bandwidth = null;
        }
        else if (mode == "USER")
        {
            string list = ini.Get(arch, "Bandwidth");
            string first = list.Split(',')[0].Trim();
            if (!int.TryParse(first, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int bw))
                throw ini.Error(arch, "Bandwidth", $"Bandwidth '{list}' is not a list of integers; give words per cycle, e.g. 10.");
            if (bw < 1) throw ini.Error(arch, "Bandwidth", $"Bandwidth {bw} must be at least 1 word per cycle.");
            bandwidth = bw;
        }
        else
        {
            throw ini.Error("run_presets", "InterfaceBandwidth", $"unknown InterfaceBandwidth '{mode}'; use CALC or USER.");
        }
        if ((long)rows * cols > int.MaxValue) throw ini.Error(arch, "ArrayWidth", "ArrayHeight × ArrayWidth is too large.");
        foreach (var (key, kb) in new[] { ("IfmapSramSzkB", ifKb), ("FilterSramSzkB", fiKb), ("OfmapSramSzkB", ofKb) })
        {
            if (kb > int.MaxValue / 1024) throw ini.Error(arch, key, $"{key} {kb} is too large; at most {int.MaxValue / 1024}.");
        }
        var array = new SystolicArray(rows, cols, dataflow, 1024L * ifKb, 1024L * fiKb, 1024L * ofKb, bandwidth, ifOff, fiOff, ofOff);
        return new ScaleSimConfig(runName, array, ifKb, fiKb, ofKb);
    }

    /// <summary>A configparser-like reading of an INI file: sections with case-sensitive names, keys lower-cased.</summary>
    private sealed class Ini
    {
        private readonly string _file;
        private readonly int _lineCount;
        private readonly Dictionary<string, int> _sectionLines = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Dictionary<string, (string Value, int Line)>> _values = new(StringComparer.Ordinal);

        private Ini(string file, int lineCount)
        {
            _file = file;
            _lineCount = lineCount;
        }

        public static Ini Parse(string file, string[] lines)
        {
            var ini = new Ini(file, lines.Length);
            Dictionary<string, (string, int)>? section = null;
            string? lastKey = null;
            for (int i = 0; i < lines.Length; i++)
            {
                string raw = lines[i];
                string line = raw.Trim();
                int number = i + 1;
                if (line.Length == 0 || line[0] == '#' || line[0] == ';')
                {
                    if (line.Length == 0) lastKey = null;
                    continue;
                }
                if (section is not null && lastKey is not null && raw.Length > 0 && char.IsWhiteSpace(raw[0]))
                {
                    var (v, l) = section[lastKey];
                    section[lastKey] = (v + "\n" + line, l);
                    continue;
                }
                if (line[0] == '[')
                {
                    int close = line.IndexOf(']');
                    if (close < 0) throw new ScaleSimInputException(file, number, $"section header '{line}' has no closing ']'.");
                    string name = line.Substring(1, close - 1);
                    if (ini._values.ContainsKey(name)) throw new ScaleSimInputException(file, number, $"section [{name}] appears twice; merge them.");
                    section = new Dictionary<string, (string, int)>(StringComparer.Ordinal);
                    ini._values[name] = section;
                    ini._sectionLines[name] = number;
                    lastKey = null;
                    continue;
                }
                if (section is null) throw new ScaleSimInputException(file, number, "a key before any [section] header; put it under its section, e.g. [architecture_presets].");
                int sep = line.IndexOfAny(new[] { '=', ':' });
                if (sep <= 0) throw new ScaleSimInputException(file, number, $"'{line}' is not 'key = value' or 'key : value'.");
                string key = line.Substring(0, sep).Trim().ToLowerInvariant();
                string value = line.Substring(sep + 1).Trim();
                if (section.ContainsKey(key)) throw new ScaleSimInputException(file, number, $"key '{key}' appears twice in this section; keep one.");
                section[key] = (value, number);
                lastKey = key;
            }
            return ini;
        }

        public string Get(string section, string key)
        {
            if (!_values.TryGetValue(section, out var keys))
                throw new ScaleSimInputException(_file, Math.Max(1, _lineCount), $"section [{section}] is missing; add it with its key {key}.");
            if (!keys.TryGetValue(key.ToLowerInvariant(), out var entry))
                throw new ScaleSimInputException(_file, _sectionLines[section], $"key {key} is missing in [{section}]; add '{key} : <value>'.");
            return entry.Value;
        }

        public int Int(string section, string key, int min)
        {
            string text = Get(section, key);
            if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value))
                throw Error(section, key, $"{key} '{text}' is not an integer; give a whole number.");
            if (value < min) throw Error(section, key, $"{key} {value} must be at least {min}.");
            return value;
        }

        public ScaleSimInputException Error(string section, string key, string message)
        {
            int line = _values.TryGetValue(section, out var keys) && keys.TryGetValue(key.ToLowerInvariant(), out var e) ? e.Line : 1;
            return new ScaleSimInputException(_file, line, message);
        }
    }
}
