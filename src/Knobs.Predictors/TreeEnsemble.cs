using System;
using System.Collections.Generic;

namespace Knobs.Predictors;

/// <summary>
/// One regression tree: internal node <c>n</c> sends a vector left when <c>x[Feature[n]] &lt;= Threshold[n]</c> (single
/// precision, as the fitter compared) and right otherwise; a child index <c>c &lt; 0</c> is leaf <c>~c</c>. A tree with no
/// internal node is its single leaf.
/// </summary>
public sealed class RegressionTree
{
    /// <summary>Creates a tree, checking that every index is in range and every path ends at a leaf.</summary>
    public RegressionTree(double weight, int[] feature, float[] threshold, int[] left, int[] right, double[] leaf, int featureCount)
    {
        int nodes = feature.Length;
        if (threshold.Length != nodes || left.Length != nodes || right.Length != nodes)
            throw new ArgumentException("a tree's feature, threshold, left and right arrays have one entry per internal node");
        if (leaf.Length != nodes + 1) throw new ArgumentException($"a tree with {nodes} internal node(s) has {nodes + 1} leaves, not {leaf.Length}");
        for (int n = 0; n < nodes; n++)
        {
            if (feature[n] < 0 || feature[n] >= featureCount) throw new ArgumentException($"node {n} splits on feature {feature[n]}, outside 0..{featureCount - 1}");
            if (float.IsNaN(threshold[n])) throw new ArgumentException($"node {n} has no threshold");
            foreach (int child in new[] { left[n], right[n] })
            {
                if (child >= 0 ? child <= n || child >= nodes : ~child >= leaf.Length)
                    throw new ArgumentException($"node {n} has child {child}, which is not a later node or a leaf");
            }
        }
        foreach (double v in leaf) if (double.IsNaN(v) || double.IsInfinity(v)) throw new ArgumentException("a leaf value is not a finite number");
        if (double.IsNaN(weight) || double.IsInfinity(weight)) throw new ArgumentException("a tree weight is not a finite number");
        Weight = weight;
        Feature = feature;
        Threshold = threshold;
        Left = left;
        Right = right;
        Leaf = leaf;
    }

    /// <summary>Multiplies the tree's output in the ensemble's sum.</summary>
    public double Weight { get; }
    /// <summary>Split feature per internal node.</summary>
    public IReadOnlyList<int> Feature { get; }
    /// <summary>Split threshold per internal node.</summary>
    public IReadOnlyList<float> Threshold { get; }
    /// <summary>Child for <c>x &lt;= threshold</c>.</summary>
    public IReadOnlyList<int> Left { get; }
    /// <summary>Child for <c>x &gt; threshold</c>.</summary>
    public IReadOnlyList<int> Right { get; }
    /// <summary>Leaf values.</summary>
    public IReadOnlyList<double> Leaf { get; }

    /// <summary>The leaf value <paramref name="x"/> reaches.</summary>
    public double Evaluate(float[] x)
    {
        if (Feature.Count == 0) return Leaf[0];
        int node = 0;
        while (node >= 0) node = x[Feature[node]] <= Threshold[node] ? Left[node] : Right[node];
        return Leaf[~node];
    }
}

/// <summary>A weighted sum of regression trees plus a bias.</summary>
public sealed class TreeEnsemble
{
    /// <summary>Creates an ensemble.</summary>
    public TreeEnsemble(double bias, IReadOnlyList<RegressionTree> trees)
    {
        if (double.IsNaN(bias) || double.IsInfinity(bias)) throw new ArgumentException("the ensemble's bias is not a finite number");
        Bias = bias;
        Trees = trees;
    }

    /// <summary>The empty ensemble: output 0 (the prior alone).</summary>
    public static TreeEnsemble Empty { get; } = new(0, Array.Empty<RegressionTree>());

    /// <summary>Added to the trees' sum.</summary>
    public double Bias { get; }
    /// <summary>The trees, in the order they are summed.</summary>
    public IReadOnlyList<RegressionTree> Trees { get; }

    /// <summary>Bias plus the weighted tree outputs, summed in order.</summary>
    public double Evaluate(float[] x)
    {
        double sum = Bias;
        foreach (RegressionTree t in Trees) sum += t.Weight * t.Evaluate(x);
        return sum;
    }
}
