using System;
using System.Collections.Generic;
using Knobs.Tensors;
using Knobs.Tensors.Backends;

namespace Knobs.Runtime;

/// <summary>
/// One row of a template's switched <c>Run</c>: for every op call site, which of its alternative calls runs (a knob
/// variant is a row, and so is a configuration), and for every node, the backend it runs on (its placement; none
/// means the backend of the context the run was started in). The generated <c>Run</c> reads <see cref="Calls"/> at every
/// op call site and calls <see cref="RunScope.Node"/> where each node starts.
/// </summary>
public sealed class RunChoices
{
    private readonly int[] _calls;
    private IBackend?[]? _placement;

    /// <summary>A row choosing call <paramref name="calls"/>[i] at op call site i, for a template of <paramref name="nodeCount"/> nodes.</summary>
    public RunChoices(int[] calls, int nodeCount)
    {
        ArgumentNullException.ThrowIfNull(calls);
        ArgumentOutOfRangeException.ThrowIfNegative(nodeCount);
        _calls = (int[])calls.Clone();
        NodeCount = nodeCount;
    }

    /// <summary>Per op call site, the index of the call it makes (0: the template's own call).</summary>
    public int[] Calls => _calls;

    /// <summary>The template's node count (node ids are 1..NodeCount).</summary>
    public int NodeCount { get; }

    /// <summary>True when at least one node is placed on a backend of its own.</summary>
    public bool IsPlaced => _placement is not null;

    /// <summary>The backend node <paramref name="nodeId"/> is placed on; null: the run's own backend.</summary>
    public IBackend? PlacementOf(int nodeId)
    {
        CheckNode(nodeId);
        return _placement?[nodeId - 1];
    }

    /// <summary>
    /// Places node <paramref name="nodeId"/> on <paramref name="backend"/> (null: back on the run's own backend). Its ops
    /// then run on that backend; an operand stored elsewhere is copied into its storage as a counted transition.
    /// </summary>
    public void Place(int nodeId, IBackend? backend)
    {
        CheckNode(nodeId);
        if (backend is null && _placement is null) return;
        _placement ??= new IBackend?[NodeCount];
        _placement[nodeId - 1] = backend;
        if (Array.TrueForAll(_placement, b => b is null)) _placement = null;
    }

    /// <summary>
    /// Told where every node starts and when the run ends, on the thread that runs it (null: nobody). A co-run uses it to
    /// hold a node until its device is free and to time the nodes; an exception it throws ends the run.
    /// </summary>
    public INodeObserver? Observer { get; set; }

    /// <summary>Starts one run: the scope the generated <c>Run</c> holds until it returns.</summary>
    public RunScope Enter() => _placement is null && Observer is null
        ? default
        : new RunScope(new PlacementState(_placement, TensorContext.Current, Observer));

    private void CheckNode(int nodeId)
    {
        if (nodeId < 1 || nodeId > NodeCount)
        {
            throw new ArgumentOutOfRangeException(nameof(nodeId), nodeId, $"Node ids are 1..{NodeCount}.");
        }
    }

    /// <summary>Switches the tensor context's backend as nodes start (only allocated for a placed row).</summary>
    internal sealed class PlacementState(IBackend?[]? placement, TensorContext start, INodeObserver? observer)
    {
        private readonly IBackend?[]? _placement = (IBackend?[]?)placement?.Clone();
        private TensorContext.Scope _scope;
        private bool _entered;

        public void Node(int nodeId)
        {
            observer?.NodeStarting(nodeId);
            if (_placement is null) return;
            IBackend backend = (uint)(nodeId - 1) < (uint)_placement.Length && _placement[nodeId - 1] is { } placed ? placed : start.Backend;
            if (ReferenceEquals(backend, TensorContext.Current.Backend)) return;
            Exit();
            if (ReferenceEquals(backend, start.Backend)) return;
            _scope = TensorContext.Enter(start.WithBackend(backend));
            _entered = true;
        }

        public void End()
        {
            Exit();
            observer?.RunEnded();
        }

        public void Exit()
        {
            if (!_entered) return;
            _entered = false;
            _scope.Dispose();
        }
    }
}

/// <summary>One run of a switched <c>Run</c>: switches backends where nodes are placed, and restores the context at the end.</summary>
public readonly struct RunScope : IDisposable
{
    private readonly RunChoices.PlacementState? _state;

    internal RunScope(RunChoices.PlacementState state) => _state = state;

    /// <summary>Node <paramref name="nodeId"/> starts: its ops run on the backend it is placed on.</summary>
    public void Node(int nodeId) => _state?.Node(nodeId);

    /// <summary>Ends the run: the context it started in is current again.</summary>
    public void Dispose() => _state?.End();
}

/// <summary>Watches one run of a switched <c>Run</c> (<see cref="RunChoices.Observer"/>), on the thread that runs it.</summary>
public interface INodeObserver
{
    /// <summary>Node <paramref name="nodeId"/> is about to run its first op.</summary>
    void NodeStarting(int nodeId);

    /// <summary>The run's last op has returned.</summary>
    void RunEnded();
}
