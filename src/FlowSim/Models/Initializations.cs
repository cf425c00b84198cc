using FlowSim.Randomness;
using MathNet.Numerics.LinearAlgebra;

namespace FlowSim.Models;

/// <summary>Initial parameter vectors θ₀ for the factorised models (THEORY §2.5, §3.1 (7), §3.7, §1.9).</summary>
public static class Initializations
{
    /// <summary>Every factor αI (ones on the main diagonal of a rectangular factor): the identical initialisation (7).</summary>
    /// <exception cref="ArgumentException">alpha is not finite.</exception>
    public static double[] Identical(IFactorizedObjective model, double alpha)
    {
        ArgumentNullException.ThrowIfNull(model);
        CheckFinite(alpha, nameof(alpha));
        var theta = new double[model.ParameterCount];
        foreach (var f in model.Factors) SetScaledIdentity(theta, f, alpha);
        return theta;
    }

    /// <summary>Every factor αI except factor <paramref name="perturbedFactor"/> (0-based, θ order), which is βI, 0 &lt; β &lt; α (THEORY §3.7).</summary>
    /// <exception cref="ArgumentException">Not 0 &lt; β &lt; α, or the factor index is out of range.</exception>
    public static double[] PerturbedIdentical(IFactorizedObjective model, double alpha, double beta, int perturbedFactor = 0)
    {
        ArgumentNullException.ThrowIfNull(model);
        CheckFinite(alpha, nameof(alpha));
        CheckFinite(beta, nameof(beta));
        if (!(beta > 0 && beta < alpha))
            throw new ArgumentException($"beta: must satisfy 0 < beta < alpha (got beta = {beta}, alpha = {alpha}).", nameof(beta));
        if ((uint)perturbedFactor >= (uint)model.Factors.Count)
            throw new ArgumentException($"perturbedFactor: must lie in [0, {model.Factors.Count}) (got {perturbedFactor}).", nameof(perturbedFactor));
        var theta = Identical(model, alpha);
        SetScaledIdentity(theta, model.Factors[perturbedFactor], beta);
        return theta;
    }

    /// <summary>Entries i.i.d. N(0, scale²) from <see cref="Xoshiro256StarStar"/>(seed), in θ order.</summary>
    public static double[] Gaussian(IObjective model, double scale, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(model);
        CheckFinite(scale, nameof(scale));
        var theta = new double[model.ParameterCount];
        new Xoshiro256StarStar(seed).FillNormal(theta, scale);
        return theta;
    }

    /// <summary>
    /// Spectral initialisation, aligned with the target's SVD Â = PΣQᵀ. Two-factor models (<see cref="TwoFactorModel"/>):
    /// U = scale·P[:, :h], V = scale·Q[:, :h] (so UVᵀ = scale²·Σ_{i≤h} pᵢqᵢᵀ). Every other model is taken as a chain
    /// whose product is W_N⋯W_1 (as <see cref="DeepFactorization"/>), with square factors: W_N = scale·P,
    /// W_1 = scale·Qᵀ and the middle factors scale·I (so the product is scale^N·PQᵀ).
    /// </summary>
    /// <exception cref="ArgumentException">scale is not finite, or a deep model's factors are not all square of one size.</exception>
    public static double[] Spectral(IFactorizedObjective model, double scale)
    {
        ArgumentNullException.ThrowIfNull(model);
        CheckFinite(scale, nameof(scale));
        int rows = model.ProductRows, cols = model.ProductColumns;
        var svd = Matrix<double>.Build.Dense(rows, cols, model.Target.ToArray()).Svd(computeVectors: true);
        var p = svd.U;
        var qt = svd.VT;
        var theta = new double[model.ParameterCount];
        if (model is TwoFactorModel tf)
        {
            int h = tf.H;
            for (int j = 0; j < h; j++)
            {
                if (j < rows) for (int i = 0; i < rows; i++) theta[j * rows + i] = scale * p[i, j];
                if (j < cols) for (int i = 0; i < cols; i++) theta[rows * h + j * cols + i] = scale * qt[j, i];
            }
            return theta;
        }
        var factors = model.Factors;
        foreach (var f in factors)
            if (f.Rows != rows || f.Cols != rows || rows != cols)
                throw new ArgumentException($"model: the spectral initialisation of a deep model needs square factors of one size (factor {f.Name} is {f.Rows}×{f.Cols}).", nameof(model));
        foreach (var f in factors) SetScaledIdentity(theta, f, scale);
        var first = factors[0];
        var last = factors[^1];
        if (factors.Count == 1)
        {
            // One factor: scale·PQᵀ.
            var pq = p * qt;
            for (int j = 0; j < cols; j++) for (int i = 0; i < rows; i++) theta[first.Offset + j * rows + i] = scale * pq[i, j];
            return theta;
        }
        for (int j = 0; j < cols; j++)
            for (int i = 0; i < rows; i++)
            {
                theta[first.Offset + j * rows + i] = scale * qt[i, j];
                theta[last.Offset + j * rows + i] = scale * p[i, j];
            }
        return theta;
    }

    private static void SetScaledIdentity(double[] theta, FactorShape f, double value)
    {
        Array.Clear(theta, f.Offset, f.Length);
        for (int i = 0; i < Math.Min(f.Rows, f.Cols); i++) theta[f.Offset + i * f.Rows + i] = value;
    }

    private static void CheckFinite(double value, string name)
    {
        if (!double.IsFinite(value)) throw new ArgumentException($"{name}: must be finite (got {value}).", name);
    }
}
