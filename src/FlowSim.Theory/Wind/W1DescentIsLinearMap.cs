using MathNet.Numerics.LinearAlgebra;

namespace FlowSim.Theory;

/// <summary>W1: one GD step on S1 equals the linear map W_{k+1} = (I + ηΓ̃_k)W_k with Γ̃_k = dil(G_k) (THEORY §1.3).</summary>
internal sealed class W1DescentIsLinearMap() : PaperClaim<W1DescentIsLinearMap.Parameters>(new("W1", Papers.Wind,
    "§2.1 / Appendix A (GD as W_{k+1} = (I + ηΓ̃_k)W_k, used in Lemma A.1)", ClaimKind.ExactIdentity,
    "GD on S1 is the linear map W ↦ (I + η dil(G_k))W", OwnSettingsNote: true), quick => new(quick ? 10 : 60))
{
    internal sealed record Parameters([property: Parameter("K (steps)")] int Steps, [property: Parameter("tolerance (max abs entry)")] double Tolerance = 1e-14);

    protected override ClaimOutcome Check(ClaimContext ctx, Parameters q)
    {
        var s1 = WindSetup.S1(ctx);
        var model = s1.Model;
        int m = WindSetup.M, n = WindSetup.N, h = WindSetup.H, s = m + n;
        var iterates = s1.Descent(ctx, q.Steps);
        var g = new double[m * n];
        var w = new double[model.ParameterCount];
        var expected = new double[model.ParameterCount];
        double worst = 0;
        double eta = WindSetup.Eta * ctx.Perturb(1.0, 1 + 1e-9); // wrong input: a step size off by 1e−9
        for (int k = 0; k < q.Steps; k++)
        {
            model.Generator(iterates[k], g);
            model.ToStacked(iterates[k], w);
            // (I + η dil(G_k)) W_k formed densely, independent of the model's gradient path.
            var map = Matrix<double>.Build.DenseIdentity(s) + eta * WindSetup.Mat(s, s, Dilation.Build(m, n, g));
            model.FromStacked((map * WindSetup.Mat(s, h, w)).ToColumnMajorArray(), expected);
            worst = Math.Max(worst, WindSetup.MaxAbsDifference(expected, iterates[k + 1]));
        }
        return ClaimOutcome.UpperBound(worst, q.Tolerance, $"max over k < {q.Steps} of max |(I + ηΓ̃_k)W_k − W_(k+1)|");
    }
}
