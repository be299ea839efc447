using System;
using System.Collections.Generic;
using System.Linq;

namespace Knobs.Accelerators.Smv;

/// <summary>One tile of a tiled tensor.</summary>
public sealed class SmvTile
{
    internal SmvTile(int index, int[] gridIndex, int[] origin, SmvShape shape)
    {
        Index = index;
        GridIndex = gridIndex;
        Origin = origin;
        Shape = shape;
    }

    /// <summary>The tile's number: row-major over the grid.</summary>
    public int Index { get; }

    /// <summary>The tile's position in the grid, one entry per dimension.</summary>
    public IReadOnlyList<int> GridIndex { get; }

    /// <summary>Where the tile starts in the full tensor, one entry per dimension (for flat tiles: [0, offset]).</summary>
    public IReadOnlyList<int> Origin { get; }

    /// <summary>The tile's shape (with the tensor's alignment).</summary>
    public SmvShape Shape { get; }

    /// <summary>"tile 3 at [0, 12, 0, 0]: [1, 16, 32, 32]".</summary>
    public override string ToString() => $"tile {Index} at {SmvShape.Format(Origin)}: {Shape}";
}

/// <summary>A tensor cut into a grid of tiles (SMAUG's <c>TiledTensor</c>).</summary>
public sealed class SmvTiledTensor
{
    private readonly SmvTile[] _tiles;
    private readonly int[] _grid;

    internal SmvTiledTensor(SmvShape fullShape, int[] grid, SmvTile[] tiles)
    {
        FullShape = fullShape;
        _grid = grid;
        _tiles = tiles;
    }

    /// <summary>The shape of the whole tensor.</summary>
    public SmvShape FullShape { get; }

    /// <summary>Tiles per dimension.</summary>
    public IReadOnlyList<int> Grid => _grid;

    /// <summary>All tiles, row-major over <see cref="Grid"/>.</summary>
    public IReadOnlyList<SmvTile> Tiles => _tiles;

    /// <summary>The number of tiles.</summary>
    public int Count => _tiles.Length;

    /// <summary>The tile at a grid position.</summary>
    public SmvTile At(params int[] gridIndex)
    {
        if (gridIndex.Length != _grid.Length) throw new ArgumentException($"The grid has {_grid.Length} dimensions.", nameof(gridIndex));
        int flat = 0;
        for (int i = 0; i < _grid.Length; i++)
        {
            if (gridIndex[i] < 0 || gridIndex[i] >= _grid[i]) throw new ArgumentOutOfRangeException(nameof(gridIndex), SmvShape.Format(gridIndex), $"Outside the grid {SmvShape.Format(_grid)}.");
            flat = flat * _grid[i] + gridIndex[i];
        }
        return _tiles[flat];
    }

    /// <summary>Consecutive tiles of equal shape as (count, shape) runs, in tile order.</summary>
    public IReadOnlyList<(int Count, SmvShape Shape)> Runs()
    {
        var runs = new List<(int, SmvShape)>();
        foreach (var tile in _tiles)
        {
            if (runs.Count > 0 && runs[runs.Count - 1].Item2.Equals(tile.Shape))
            {
                runs[runs.Count - 1] = (runs[runs.Count - 1].Item1 + 1, tile.Shape);
            }
            else
            {
                runs.Add((1, tile.Shape));
            }
        }
        return runs;
    }

    /// <summary>Storage elements summed over every tile (halos counted once per tile that holds them).</summary>
    public long TotalStorage => _tiles.Sum(t => t.Shape.StorageSize);

    internal static SmvTiledTensor FromDims(SmvShape full, List<int>[] sizes, List<int>[] starts)
    {
        int rank = sizes.Length;
        int[] grid = sizes.Select(s => s.Count).ToArray();
        int count = grid.Aggregate(1, (a, g) => a * g);
        var tiles = new SmvTile[count];
        var idx = new int[rank];
        for (int t = 0; t < count; t++)
        {
            int rem = t;
            for (int i = rank - 1; i >= 0; i--)
            {
                idx[i] = rem % grid[i];
                rem /= grid[i];
            }
            var dims = new int[rank];
            var origin = new int[rank];
            for (int i = 0; i < rank; i++)
            {
                dims[i] = sizes[i][idx[i]];
                origin[i] = starts[i][idx[i]];
            }
            tiles[t] = new SmvTile(t, (int[])idx.Clone(), origin, new SmvShape(dims, full.Layout, full.Alignment));
        }
        return new SmvTiledTensor(full, grid, tiles);
    }
}

/// <summary>How one tensor of an operator is tiled: the strategy, the basic tile shape and the generated tiles.</summary>
public sealed class SmvTensorTiling
{
    internal SmvTensorTiling(string name, SmvShape fullShape, TilingDims? strategy, SmvShape basicTileShape, SmvTiledTensor tiles)
    {
        Name = name;
        FullShape = fullShape;
        Strategy = strategy;
        BasicTileShape = basicTileShape;
        Tiles = tiles;
    }

    /// <summary>inputs, input0, input1, weights or outputs.</summary>
    public string Name { get; }

    /// <summary>The whole tensor's shape.</summary>
    public SmvShape FullShape { get; }

    /// <summary>The chosen strategy; null for unary and element-wise ops, which flatten instead of searching.</summary>
    public TilingDims? Strategy { get; }

    /// <summary>The basic tile shape: the shape every tile has except edge tiles (remainders, halos, first-tile shrink).</summary>
    public SmvShape BasicTileShape { get; }

    /// <summary>The generated tiles.</summary>
    public SmvTiledTensor Tiles { get; }

    /// <summary>"inputs DimNH [1, 16, 64, 16] × 3".</summary>
    public override string ToString() => $"{Name} {Strategy?.ToString() ?? "flat"} {BasicTileShape} × {Tiles.Count}";
}

/// <summary>The tiling of one operator: its inputs, weights (absent for pooling and unary ops) and outputs.</summary>
public sealed class SmvOpTiling
{
    internal SmvOpTiling(string operatorName, SmvTensorTiling inputs, SmvTensorTiling? weights, SmvTensorTiling outputs,
        int candidateCount, SmvParameters parameters, SmvTensorTiling? secondInputs = null)
    {
        OperatorName = operatorName;
        Inputs = inputs;
        Weights = weights;
        Outputs = outputs;
        CandidateCount = candidateCount;
        Parameters = parameters;
        SecondInputs = secondInputs;
    }

    /// <summary>convolution, inner product, pooling, batch norm, unary, eltwise add.</summary>
    public string OperatorName { get; }

    /// <summary>The (first) input activations.</summary>
    public SmvTensorTiling Inputs { get; }

    /// <summary>The second input of a two-input element-wise op; null otherwise.</summary>
    public SmvTensorTiling? SecondInputs { get; }

    /// <summary>The weights; null for pooling and unary/element-wise ops.</summary>
    public SmvTensorTiling? Weights { get; }

    /// <summary>The outputs.</summary>
    public SmvTensorTiling Outputs { get; }

    /// <summary>How many (inputs, weights, outputs) tile-shape triples fitted; the chosen one has the largest total storage.</summary>
    public int CandidateCount { get; }

    /// <summary>The parameters the tiling was computed with.</summary>
    public SmvParameters Parameters { get; }
}
