using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using Knobs.Profiles;
using Knobs.Tasks.Apps;
using Knobs.Tasks.Logging;

namespace Knobs.Tasks.Launching.Slurm;

/// <summary>
/// Runs plans as the tasks of Slurm job arrays. The app's folder is copied once into the shared folder (a rebuild while
/// tasks wait cannot change what they run); each plan gets a task folder there, named by a hash of the run, holding
/// its command (<c>run.sh</c>), its output, the profile folder and two markers the task writes itself: <c>started</c>
/// (task id, node, time) and <c>exit</c> (exit code, time, task id). A task that ends is seen through its
/// <c>exit</c> marker; one that leaves the queue without it (cancelled, killed at Slurm's time limit, node lost) is
/// asked about (sacct or scontrol). A failed or killed task is submitted again up to <see cref="SlurmOptions.Retries"/>
/// times, then reported with its Slurm state and exit code. A finished task's profiles are copied into the plan's own
/// output folder, so the tasks read them exactly as after a local run.
/// A build that was stopped before its tasks ended leaves their folders: the next build collects a task that finished
/// meanwhile and waits for one still queued instead of submitting it again. Cancelling the build cancels its jobs.
/// </summary>
internal sealed class SlurmRunLauncher : IRunLauncher
{
    /// <summary>Queue reads a task Slurm reports COMPLETED may go without its exit marker before it counts as lost.</summary>
    private const int MarkerGracePolls = 15;

    /// <summary>Exit codes of <c>timeout</c>: the run was stopped at the plan's time limit.</summary>
    private const int TimedOutTerm = 124, TimedOutKill = 137;

    private readonly ITaskLog _log;
    private readonly SlurmOptions _options;
    private readonly ISlurmCluster _cluster;
    private readonly string[] _keepOut;
    private readonly bool _reuseFinished;
    private readonly string _shared;

    // keepOut: folders inside the app's folder that are not copied (the tables, the profiles, the shared folder itself).
    // reuseFinished: collect what an earlier, stopped build's tasks left (false for KnobsForce).
    public SlurmRunLauncher(ITaskLog log, SlurmOptions options, ISlurmCluster? cluster = null, IEnumerable<string>? keepOut = null, bool reuseFinished = true)
    {
        _log = log;
        _options = options;
        _cluster = cluster ?? new SlurmCommands();
        _shared = Path.GetFullPath(options.SharedDirectory);
        _keepOut = (keepOut ?? Array.Empty<string>()).Append(_shared).Where(f => !string.IsNullOrEmpty(f))
            .Select(f => Path.TrimEndingDirectorySeparator(Path.GetFullPath(f))).ToArray();
        _reuseFinished = reuseFinished;
    }

    public bool PlacesOnNodes => true;

    public string Describe(RunPlan plan) => "Slurm array task running " + new AppCommand(plan.App, _options.Dotnet).Describe(plan.Arguments);

    public RunOutcome Launch(RunPlan plan, CancellationToken cancel)
    {
        RunOutcome outcome = RunOutcome.NotStarted;
        LaunchAll(new[] { plan }, cancel, () => true, (_, o) => outcome = o);
        return outcome;
    }

    public void LaunchAll(IReadOnlyList<RunPlan> plans, CancellationToken cancel, Func<bool> mayStart, Action<int, RunOutcome> ended)
    {
        if (plans.Count == 0) return;
        if (cancel.IsCancellationRequested || !mayStart())
        {
            for (int i = 0; i < plans.Count; i++) ended(i, RunOutcome.NotStarted);
            return;
        }
        var tasks = new List<SlurmTask>();
        try
        {
            var staged = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (RunPlan plan in plans)
            {
                if (!staged.TryGetValue(plan.WorkingDirectory, out string? copy)) staged[plan.WorkingDirectory] = copy = Stage(plan.WorkingDirectory);
                tasks.Add(new SlurmTask(tasks.Count, plan, copy, _shared));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            string why = "the app could not be copied into the shared folder " + _shared + " (" + e.Message + "). Check KnobsSlurmSharedDir: every node must see it, and this build must be able to write it.";
            for (int i = 0; i < plans.Count; i++) ended(i, new RunOutcome(RunStatus.Failed, null, why, 0, Array.Empty<string>()));
            return;
        }
        new Batch(this, tasks, cancel, mayStart, ended).Run();
    }

    // Copies the app's folder to <shared>/app/<hash of its files>/ unless that copy is complete already.
    private string Stage(string appFolder)
    {
        string source = Path.TrimEndingDirectorySeparator(Path.GetFullPath(appFolder));
        List<string> files = AppFiles(source);
        string hash;
        using (var sha = SHA256.Create())
        {
            foreach (string file in files)
            {
                byte[] name = Encoding.UTF8.GetBytes(Path.GetRelativePath(source, file) + "\n");
                sha.TransformBlock(name, 0, name.Length, null, 0);
                byte[] content = SHA256.HashData(File.ReadAllBytes(file));
                sha.TransformBlock(content, 0, content.Length, null, 0);
            }
            sha.TransformFinalBlock(Array.Empty<byte>(), 0, 0);
            hash = Convert.ToHexString(sha.Hash!).Substring(0, 16).ToLowerInvariant();
        }
        string target = Path.Combine(_shared, "app", hash);
        string marker = Path.Combine(target, ".knobs-staged");
        if (File.Exists(marker)) return target;
        string temporary = target + ".tmp-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        if (Directory.Exists(temporary)) Directory.Delete(temporary, recursive: true);
        foreach (string file in files)
        {
            string to = Path.Combine(temporary, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }
        File.WriteAllText(Path.Combine(temporary, ".knobs-staged"), source + "\n");
        if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
        Directory.Move(temporary, target);
        _log.Info($"Knobs: copied the app ({files.Count} files) to {LogText.Escape(target)} for the Slurm tasks");
        return target;
    }

    private List<string> AppFiles(string folder)
    {
        var files = new List<string>();
        void Walk(string dir)
        {
            foreach (string file in Directory.GetFiles(dir)) files.Add(file);
            foreach (string sub in Directory.GetDirectories(dir))
            {
                string full = Path.TrimEndingDirectorySeparator(sub);
                if (_keepOut.Contains(full, StringComparer.Ordinal) || new DirectoryInfo(sub).LinkTarget is not null) continue;
                Walk(sub);
            }
        }
        Walk(folder);
        files.Sort(StringComparer.Ordinal);
        return files;
    }

    /// <summary>One plan's task: its folder in the shared folder, the run as the node runs it, and its attempts.</summary>
    private sealed class SlurmTask
    {
        public SlurmTask(int index, RunPlan plan, string stagedApp, string shared)
        {
            Index = index;
            Plan = plan;
            string app = Path.Combine(stagedApp, Path.GetFileName(plan.App));
            var identity = new StringBuilder().Append(stagedApp).Append('\n').Append(plan.Label).Append('\n').Append(app).Append('\n')
                .Append(string.Join("\0", plan.Arguments)).Append('\n')
                .Append(string.Join("\0", plan.Environment.Select(p => p.Key + "=" + p.Value))).Append('\n')
                .Append(plan.Timeout.Ticks.ToString(CultureInfo.InvariantCulture));
            string id = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(identity.ToString()))).Substring(0, 20).ToLowerInvariant();
            Folder = Path.Combine(shared, "runs", id);
            Remote = plan.Moved(app, Path.Combine(Folder, "out"));
        }

        public int Index { get; }
        public RunPlan Plan { get; }
        public RunPlan Remote { get; }
        public string Folder { get; }
        public int Attempts { get; set; }
        public string? TaskId { get; set; }
        public string? State { get; set; }
        public int Unseen { get; set; }
        public string? ArrayFolder { get; set; }
        public string File(string name) => Path.Combine(Folder, name);
    }

    /// <summary>One call of <see cref="LaunchAll"/>: submits, watches, retries and reports its tasks.</summary>
    private sealed class Batch
    {
        private readonly SlurmRunLauncher _l;
        private readonly List<SlurmTask> _tasks;
        private readonly CancellationToken _cancel;
        private readonly Func<bool> _mayStart;
        private readonly Action<int, RunOutcome> _ended;
        private readonly List<SlurmTask> _active = new();
        private readonly HashSet<string> _jobs = new(StringComparer.Ordinal);
        // The array folders this call wrote, and those to keep (a task in them did not succeed: its Slurm output may tell why).
        private readonly HashSet<string> _arrays = new(StringComparer.Ordinal), _keepArrays = new(StringComparer.Ordinal);
        private int _done;
        private readonly Stopwatch _sinceProgress = Stopwatch.StartNew();

        public Batch(SlurmRunLauncher launcher, List<SlurmTask> tasks, CancellationToken cancel, Func<bool> mayStart, Action<int, RunOutcome> ended)
        {
            _l = launcher;
            _tasks = tasks;
            _cancel = cancel;
            _mayStart = mayStart;
            _ended = ended;
        }

        private ITaskLog Log => _l._log;
        private SlurmOptions Options => _l._options;

        public void Run()
        {
            IReadOnlyDictionary<string, SlurmTaskState>? queue = _l._reuseFinished ? _l._cluster.Queue() : null;
            var submit = new List<SlurmTask>();
            foreach (SlurmTask task in _tasks)
            {
                if (_l._reuseFinished && Exit(task, anyTask: true) is { Code: 0 } earlier)
                {
                    Log.Info($"Knobs: {LogText.Escape(task.Plan.Label)}: collected what its Slurm task wrote for an earlier build ({LogText.Escape(task.Folder)})");
                    Succeed(task, earlier);
                    continue;
                }
                if (queue is not null && Read(task.File("job"))?.Trim() is { } id && SlurmTaskId.IsWellFormed(id) && queue.TryGetValue(id, out SlurmTaskState? state) && state.Active)
                {
                    task.TaskId = id;
                    task.Attempts = 1;
                    _jobs.Add(id.Split('_')[0]);
                    _active.Add(task);
                    Log.Info($"Knobs: {LogText.Escape(task.Plan.Label)}: its Slurm task {LogText.Escape(id)} from an earlier build is still {state.State.ToLowerInvariant()}; waiting for it instead of submitting it again");
                    continue;
                }
                submit.Add(task);
            }
            Submit(submit);
            Watch();
            foreach (string folder in _arrays.Where(f => !_keepArrays.Contains(f)))
            {
                try
                {
                    Directory.Delete(folder, recursive: true);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    Log.Detail($"Knobs: {LogText.Escape(folder)} could not be removed: {LogText.Escape(e.Message)}");
                }
            }
        }

        private void Watch()
        {
            var queueClock = Stopwatch.StartNew();
            bool firstQueue = true;
            while (_active.Count > 0)
            {
                if (_cancel.IsCancellationRequested || !_mayStart())
                {
                    Stop();
                    return;
                }
                _cancel.WaitHandle.WaitOne(Options.FilePoll);
                var retry = new List<SlurmTask>();
                foreach (SlurmTask task in _active.ToList())
                {
                    if (Exit(task, anyTask: false) is { } exit) Ended(task, exit, retry);
                }
                if (firstQueue || queueClock.Elapsed >= Options.QueuePoll)
                {
                    firstQueue = false;
                    queueClock.Restart();
                    if (_l._cluster.Queue() is { } queue)
                    {
                        foreach (SlurmTask task in _active.ToList())
                        {
                            if (queue.TryGetValue(task.TaskId!, out SlurmTaskState? state) && state.Active)
                            {
                                task.State = state.State;
                                task.Unseen = 0;
                                continue;
                            }
                            // Not in the queue twice in a row and no exit marker: it ended without running to its end.
                            if (++task.Unseen < 2) continue;
                            if (Exit(task, anyTask: false) is { } exit)
                            {
                                Ended(task, exit, retry);
                                continue;
                            }
                            SlurmTaskState? ended = _l._cluster.Ended(task.TaskId!);
                            // Slurm says it completed, but its exit marker is not here yet: a shared file system can
                            // show another node's writes seconds late. Wait for it before calling the task lost.
                            if (ended?.State == "COMPLETED" && task.Unseen < MarkerGracePolls) continue;
                            Vanished(task, ended, retry);
                        }
                    }
                }
                Submit(retry);
                Progress();
            }
        }

        // Collects the runs that finished meanwhile, cancels every job this build submitted or adopted, and reports the
        // runs that had not ended as canceled.
        private void Stop()
        {
            foreach (SlurmTask task in _active.ToList())
            {
                if (Exit(task, anyTask: false) is { Code: 0 } exit) Succeed(task, exit);
            }
            _l._cluster.Cancel(_jobs.ToList());
            Log.Info($"Knobs: cancelled the Slurm job(s) {string.Join(", ", _jobs.OrderBy(j => j, StringComparer.Ordinal))}");
            foreach (SlurmTask task in _active.ToList())
            {
                _active.Remove(task);
                double seconds = Started(task) is { } s ? Math.Max(0, Now() - s.Time) : 0;
                _ended(task.Index, new RunOutcome(RunStatus.Canceled, null, "the build was canceled; its Slurm task " + task.TaskId + " was cancelled", seconds, Array.Empty<string>()));
            }
        }

        // One array per chunk of tasks that avoid the same nodes.
        private void Submit(List<SlurmTask> tasks)
        {
            foreach (var group in tasks.GroupBy(t => string.Join(",", t.Plan.AvoidNodes.OrderBy(n => n, StringComparer.Ordinal)), StringComparer.Ordinal))
            {
                SubmitArrays(group.ToList());
            }
        }

        private void SubmitArrays(List<SlurmTask> tasks)
        {
            for (int start = 0; start < tasks.Count; start += SlurmOptions.MaxArrayTasks)
            {
                List<SlurmTask> chunk = tasks.Skip(start).Take(SlurmOptions.MaxArrayTasks).ToList();
                string arrayFolder;
                string jobId;
                try
                {
                    foreach (SlurmTask task in chunk) Prepare(task);
                    arrayFolder = ArrayFolder();
                    string list = Path.Combine(arrayFolder, "tasks.txt");
                    AtomicFile.WriteAllText(list, string.Concat(chunk.Select(t =>
                        Math.Ceiling(t.Plan.Timeout.TotalSeconds).ToString("0", CultureInfo.InvariantCulture) + " " + t.Folder + "\n")));
                    string script = Path.Combine(arrayFolder, "array.sh");
                    AtomicFile.WriteAllText(script, ArrayScript(list));
                    jobId = _l._cluster.Submit(Arguments(chunk, arrayFolder), script);
                }
                catch (Exception e) when (e is SlurmException or IOException or UnauthorizedAccessException)
                {
                    foreach (SlurmTask task in chunk) Report(task, new RunOutcome(RunStatus.Failed, null, "it could not be submitted to Slurm: " + e.Message, 0, Array.Empty<string>()) { Attempts = task.Attempts });
                    continue;
                }
                _jobs.Add(jobId);
                _arrays.Add(arrayFolder);
                for (int k = 0; k < chunk.Count; k++)
                {
                    SlurmTask task = chunk[k];
                    task.ArrayFolder = arrayFolder;
                    task.TaskId = SlurmTaskId.Of(jobId, k);
                    task.Attempts++;
                    task.Unseen = 0;
                    task.State = "PENDING";
                    AtomicFile.WriteAllText(task.File("job"), task.TaskId + "\n");
                    _active.Add(task);
                }
                Log.Info(string.Format(CultureInfo.InvariantCulture, "Knobs: submitted {0} run(s) to Slurm as the job array {1}{2} (scripts and Slurm's own output in {3})",
                    chunk.Count, jobId, Options.Partition is { } p ? " on the partition " + LogText.Escape(p) : "", LogText.Escape(arrayFolder)));
            }
        }

        // A fresh task folder: the command, an empty profile folder, no markers.
        private void Prepare(SlurmTask task)
        {
            if (Directory.Exists(task.Folder)) Directory.Delete(task.Folder, recursive: true);
            Directory.CreateDirectory(Path.Combine(task.Folder, "out"));
            AtomicFile.WriteAllText(task.File("run.sh"), "#!/bin/bash\n" + task.Remote.ShellCommand(Options.Dotnet) + "\n");
        }

        private string ArrayFolder()
        {
            string stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss-fff", CultureInfo.InvariantCulture);
            for (int n = 0; ; n++)
            {
                string folder = Path.Combine(_l._shared, "arrays", stamp + "-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "-" + n.ToString(CultureInfo.InvariantCulture));
                if (Directory.Exists(folder)) continue;
                Directory.CreateDirectory(folder);
                return folder;
            }
        }

        private List<string> Arguments(List<SlurmTask> chunk, string arrayFolder)
        {
            double longest = chunk.Max(t => t.Plan.Timeout.TotalSeconds);
            var args = new List<string>
            {
                "--array=0-" + (chunk.Count - 1).ToString(CultureInfo.InvariantCulture) +
                    (Options.MaxParallel is { } m ? "%" + m.ToString(CultureInfo.InvariantCulture) : ""),
                "--job-name=knobs",
                "--chdir=" + arrayFolder,
                "--output=" + Path.Combine(arrayFolder, "slurm-%A_%a.out"),
                "--no-requeue",
                // Slurm's own limit, past the task's own (timeout in the script) so that one reports it first.
                "--time=" + Math.Ceiling((longest + 60) / 60).ToString("0", CultureInfo.InvariantCulture),
            };
            if (Options.Exclusive) args.Add("--exclusive");
            if (chunk[0].Plan.AvoidNodes.Count > 0) args.Add("--exclude=" + string.Join(",", chunk[0].Plan.AvoidNodes.OrderBy(n => n, StringComparer.Ordinal)));
            if (Options.Partition is { } partition) args.Add("--partition=" + partition);
            if (Options.Account is { } account) args.Add("--account=" + account);
            args.AddRange(Options.ExtraArguments);
            return args;
        }

        // Runs line N+1 of tasks.txt ("<seconds> <task folder>") and writes the started and exit markers itself.
        private static string ArrayScript(string list) =>
            "#!/bin/bash\n" +
            "# Knobs: array task N runs line N+1 of tasks.txt (\"<seconds> <task folder>\"). Written by the build; do not edit.\n" +
            "set -u\n" +
            "line=$(sed -n \"$((SLURM_ARRAY_TASK_ID + 1))p\" " + RunPlan.Quote(list) + ")\n" +
            "secs=${line%% *}\n" +
            "dir=${line#* }\n" +
            "if [ -z \"$line\" ] || [ ! -f \"$dir/run.sh\" ]; then echo \"knobs: array task $SLURM_ARRAY_TASK_ID has no run\" >&2; exit 3; fi\n" +
            "id=\"${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}\"\n" +
            "printf '%s %s %s\\n' \"$id\" \"${SLURMD_NODENAME:-$(hostname)}\" \"$(date +%s.%N)\" > \"$dir/started.tmp\" && mv -f \"$dir/started.tmp\" \"$dir/started\"\n" +
            "timeout --kill-after=10 \"$secs\" /bin/bash \"$dir/run.sh\" > \"$dir/output.txt\" 2>&1\n" +
            "code=$?\n" +
            "printf '%s %s %s\\n' \"$code\" \"$(date +%s.%N)\" \"$id\" > \"$dir/exit.tmp\" && mv -f \"$dir/exit.tmp\" \"$dir/exit\"\n" +
            "exit \"$code\"\n";

        private sealed record ExitMarker(int Code, double Time, string TaskId);

        // The exit marker of the task's current attempt (anyTask: of whatever attempt wrote it); null when there is none.
        private static ExitMarker? Exit(SlurmTask task, bool anyTask)
        {
            string[]? f = Read(task.File("exit"))?.Trim().Split(' ');
            if (f is null || f.Length < 3 || !int.TryParse(f[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int code)) return null;
            if (!anyTask && f[2] != task.TaskId) return null;
            double.TryParse(f[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double time);
            return new ExitMarker(code, time, f[2]);
        }

        private static (string Node, double Time)? Started(SlurmTask task)
        {
            string[]? f = Read(task.File("started"))?.Trim().Split(' ');
            if (f is null || f.Length < 3) return null;
            double.TryParse(f[2], NumberStyles.Float, CultureInfo.InvariantCulture, out double time);
            return (f[1], time);
        }

        private void Ended(SlurmTask task, ExitMarker exit, List<SlurmTask> retry)
        {
            if (exit.Code == 0)
            {
                Succeed(task, exit);
                return;
            }
            (string Node, double Time)? started = Started(task);
            double seconds = started is { } s && exit.Time > 0 ? Math.Max(0, exit.Time - s.Time) : 0;
            string where = started is { } at ? " on node " + at.Node : "";
            if (exit.Code is TimedOutTerm or TimedOutKill)
            {
                Report(task, new RunOutcome(RunStatus.TimedOut, null, "stopped at its time limit" + where + ". " + OutputTail(task), seconds, Array.Empty<string>())
                { Node = started?.Node, Attempts = task.Attempts });
                return;
            }
            string why = string.Format(CultureInfo.InvariantCulture, "exit code {0}{1}", exit.Code, where);
            if (Retry(task, why, retry)) return;
            Report(task, new RunOutcome(RunStatus.Failed, exit.Code, Failure(task, "Slurm task " + task.TaskId + ": " + why), seconds, Array.Empty<string>())
            { Node = started?.Node, Attempts = task.Attempts });
        }

        // The task left the queue without writing its exit marker: cancelled, killed at Slurm's time limit, node lost.
        private void Vanished(SlurmTask task, SlurmTaskState? state, List<SlurmTask> retry)
        {
            (string Node, double Time)? started = Started(task);
            string node = state?.Node ?? started?.Node ?? "";
            string what = "Slurm state " + (state?.State ?? "unknown (the task left the queue and Slurm no longer knows it)") +
                (state?.ExitCode is { } code ? ", exit code " + code : "") + (node.Length > 0 ? " on node " + node : "");
            double seconds = started is { } s ? Math.Max(0, Now() - s.Time) : 0;
            if (state?.State is "TIMEOUT" or "DEADLINE")
            {
                Report(task, new RunOutcome(RunStatus.TimedOut, null, what + ". " + OutputTail(task), seconds, Array.Empty<string>()) { Node = node.Length > 0 ? node : null, Attempts = task.Attempts });
                return;
            }
            if (Retry(task, what, retry)) return;
            int? exitCode = state?.ExitCode is { } text && int.TryParse(text.Split(':')[0], NumberStyles.None, CultureInfo.InvariantCulture, out int c) ? c : null;
            Report(task, new RunOutcome(RunStatus.Failed, exitCode, Failure(task, "Slurm task " + task.TaskId + ": " + what), seconds, Array.Empty<string>())
            { Node = node.Length > 0 ? node : null, Attempts = task.Attempts });
        }

        private bool Retry(SlurmTask task, string why, List<SlurmTask> retry)
        {
            if (task.Attempts > Options.Retries) return false;
            _active.Remove(task);
            retry.Add(task);
            Log.Info(string.Format(CultureInfo.InvariantCulture, "Knobs: {0}: Slurm task {1} ended without a result ({2}); submitting it again (attempt {3} of {4})",
                LogText.Escape(task.Plan.Label), task.TaskId, LogText.Escape(why), task.Attempts + 1, Options.Retries + 1));
            return true;
        }

        private string Failure(SlurmTask task, string what) => string.Format(CultureInfo.InvariantCulture,
            "{0}, after {1} attempt(s) (KnobsSlurmRetries={2}). Its output: {3}\n{4}", what, task.Attempts, Options.Retries, task.File("output.txt"), OutputTail(task));

        // The end of the run's output, or of Slurm's own output for the task when the run wrote none.
        private static string OutputTail(SlurmTask task)
        {
            string text = Read(task.File("output.txt")) ?? "";
            if (text.Trim().Length == 0 && task.TaskId is { } id && task.ArrayFolder is { } folder)
            {
                text = Read(Path.Combine(folder, "slurm-" + id + ".out")) ?? "";
            }
            string[] lines = text.Replace("\r\n", "\n").TrimEnd().Split('\n');
            return string.Join("\n", lines.Skip(Math.Max(0, lines.Length - 12)));
        }

        private void Succeed(SlurmTask task, ExitMarker exit)
        {
            (string Node, double Time)? started = Started(task);
            double seconds = started is { } s && exit.Time > 0 ? Math.Max(0, exit.Time - s.Time) : 0;
            string output = Path.Combine(task.Folder, "out");
            try
            {
                Directory.CreateDirectory(task.Plan.OutputFolder);
                foreach (string file in RunOutputs.ProfilesIn(output))
                {
                    string to = Path.Combine(task.Plan.OutputFolder, Path.GetRelativePath(output, file));
                    Directory.CreateDirectory(Path.GetDirectoryName(to)!);
                    File.Copy(file, to, overwrite: true);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Report(task, new RunOutcome(RunStatus.Failed, 0, "its profile could not be copied from the shared folder: " + e.Message, seconds, Array.Empty<string>()) { Node = started?.Node, Attempts = Math.Max(1, task.Attempts) });
                return;
            }
            Report(task, new RunOutcome(RunStatus.Succeeded, 0, OutputTail(task), seconds, RunOutputs.ProfilesIn(task.Plan.OutputFolder))
            { Node = started?.Node, Attempts = Math.Max(1, task.Attempts) });
            try
            {
                Directory.Delete(task.Folder, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Log.Detail($"Knobs: {LogText.Escape(task.Folder)} could not be removed: {LogText.Escape(e.Message)}");
            }
        }

        private void Report(SlurmTask task, RunOutcome outcome)
        {
            if (!outcome.Succeeded && task.ArrayFolder is { } folder) _keepArrays.Add(folder);
            _active.Remove(task);
            _done++;
            _ended(task.Index, outcome);
        }

        // Every ProgressEvery while tasks wait or run (each ended task has its own line).
        private void Progress()
        {
            if (_active.Count == 0 || _sinceProgress.Elapsed < Options.ProgressEvery) return;
            int running = _active.Count(t => t.State == "RUNNING");
            Log.Info(string.Format(CultureInfo.InvariantCulture, "Knobs: Slurm: {0} running, {1} waiting, {2} of {3} ended (job {4})",
                running, _active.Count - running, _done, _tasks.Count, string.Join(", ", _jobs.OrderBy(j => j, StringComparer.Ordinal))));
            _sinceProgress.Restart();
        }
    }

    private static double Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;

    private static string? Read(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
