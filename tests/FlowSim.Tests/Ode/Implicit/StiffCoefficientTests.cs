using FlowSim.Ode;
using Xunit;
using Xunit.Abstractions;

namespace FlowSim.Tests.Ode.Implicit;

/// <summary>
/// The stiff methods' coefficients against their defining conditions, not against a copy: the Rosenbrock tableaus
/// (given in Hairer–Wanner's transformed form) are mapped back to (α, Γ, b) and checked against the Rosenbrock order
/// conditions Σ b_i Φ_i(t) = 1/γ(t) over all rooted trees (HW II, §IV.7: a vertex with one child weighs with α + Γ,
/// one with several with α), for the propagated solution up to order 5 and the embedded one up to order 4; Radau IIA's
/// A against its simplifying conditions and the eigen-transform T·Λ·T⁻¹ = A⁻¹ of RADAU5.
/// </summary>
public class StiffCoefficientTests(ITestOutputHelper output)
{
    public static TheoryData<string> RosenbrockMethods => ["rodas5", "rodas5p"];

    /// <summary>(α, Γ with its diagonal, b, b̂) of the original form from the transformed tableau.</summary>
    private static (double[,] Alpha, double[,] Gamma, double[] B, double[] BHat) Original(RosenbrockTableau tab)
    {
        int s = tab.Stages;
        // Rows of a for every stage: listed ones, then u_i = u_{i−1} + k_{i−1} for the last two; m = a_s + e_s.
        var a = new double[s + 1, s];
        for (int i = 0; i < tab.A.Length; i++)
            for (int j = 0; j < tab.A[i].Length; j++) a[i, j] = tab.A[i][j];
        for (int i = tab.A.Length; i <= s; i++)
        {
            for (int j = 0; j < s; j++) a[i, j] = a[i - 1, j];
            a[i, i - 1] += 1;
        }
        // Γ⁻¹ = diag(1/γ) − C (C strictly lower), Γ by forward substitution.
        var gInv = new double[s, s];
        for (int i = 0; i < s; i++)
        {
            gInv[i, i] = 1 / tab.Gamma;
            for (int j = 0; j < i; j++) gInv[i, j] = -tab.C[i][j];
        }
        var g = new double[s, s];
        for (int col = 0; col < s; col++)
            for (int i = 0; i < s; i++)
            {
                double r = i == col ? 1 : 0;
                for (int j = 0; j < i; j++) r -= gInv[i, j] * g[j, col];
                g[i, col] = r / gInv[i, i];
            }
        var alpha = new double[s, s];
        for (int i = 0; i < s; i++)
            for (int j = 0; j < s; j++)
                for (int k = 0; k < s; k++) alpha[i, j] += a[i, k] * g[k, j];
        double[] b = new double[s], bHat = new double[s];
        for (int j = 0; j < s; j++)
            for (int k = 0; k < s; k++)
            {
                b[j] += a[s, k] * g[k, j];
                bHat[j] += a[s - 1, k] * g[k, j];
            }
        return (alpha, g, b, bHat);
    }

    /// <summary>Largest |Σ b_i Φ_i(t) − 1/γ(t)| over the trees of exactly <paramref name="order"/> nodes.</summary>
    private static double Defect(List<RootedTree> trees, double[,] alpha, double[,] gamma, double[] b, int order)
    {
        int s = b.Length;
        var beta = new double[s, s];
        for (int i = 0; i < s; i++)
            for (int j = 0; j < s; j++) beta[i, j] = alpha[i, j] + gamma[i, j];
        var phi = new double[trees.Count][];
        var alphaPhi = new double[trees.Count][];
        var betaPhi = new double[trees.Count][];
        double worst = 0;
        for (int t = 0; t < trees.Count; t++)
        {
            var children = trees[t].Children;
            var p = new double[s];
            Array.Fill(p, 1.0);
            if (children.Length == 1)
                for (int i = 0; i < s; i++) p[i] = betaPhi[children[0]][i];
            else
                foreach (int c in children)
                    for (int i = 0; i < s; i++) p[i] *= alphaPhi[c][i];
            phi[t] = p;
            alphaPhi[t] = new double[s];
            betaPhi[t] = new double[s];
            for (int i = 0; i < s; i++)
                for (int j = 0; j < s; j++)
                {
                    alphaPhi[t][i] += alpha[i, j] * p[j];
                    betaPhi[t][i] += beta[i, j] * p[j];
                }
            if (trees[t].Order != order) continue;
            double sum = 0;
            for (int i = 0; i < s; i++) sum += b[i] * p[i];
            worst = Math.Max(worst, Math.Abs(sum - 1 / trees[t].Gamma));
        }
        return worst;
    }

    [Theory]
    [MemberData(nameof(RosenbrockMethods))]
    public void Rosenbrock_OrderConditionsHoldToOrderFive_EmbeddedToFour_AndNotBeyond(string name)
    {
        var tab = ((RosenbrockAlgorithm)OdeMethods.Create(name)).Tableau;
        var (alpha, gamma, b, bHat) = Original(tab);
        var trees = RootedTree.UpToOrder(6);
        for (int p = 1; p <= 6; p++)
            output.WriteLine($"{name} order {p}: defect {Defect(trees, alpha, gamma, b, p):G3}, embedded {Defect(trees, alpha, gamma, bHat, p):G3}");
        for (int p = 1; p <= 5; p++) Assert.True(Defect(trees, alpha, gamma, b, p) < 1e-10, $"order {p}");
        for (int p = 1; p <= 4; p++) Assert.True(Defect(trees, alpha, gamma, bHat, p) < 1e-10, $"embedded order {p}");
        // The propagated solution is of order 5 exactly, the embedded one of order 4 exactly.
        Assert.True(Defect(trees, alpha, gamma, b, 6) > 1e-6);
        Assert.True(Defect(trees, alpha, gamma, bHat, 5) > 1e-6);
        // Non-autonomous consistency: c_i = Σ_j α_ij, d_i = Σ_j γ_ij (with the diagonal).
        for (int i = 0; i < tab.Stages; i++)
        {
            double rowAlpha = 0, rowGamma = 0;
            for (int j = 0; j < tab.Stages; j++) { rowAlpha += alpha[i, j]; rowGamma += gamma[i, j]; }
            Assert.Equal(tab.Nodes[i], rowAlpha, 1e-12);
            Assert.Equal(i < tab.D.Length ? tab.D[i] : 0.0, rowGamma, 1e-12);
        }
    }

    [Fact]
    public void Rosenbrock_AWrongCoefficientBreaksTheConditions()
    {
        // The check is not vacuous: one coefficient of Rodas5P changed in its 7th digit fails order 3 or below.
        var tab = new Rodas5P().Tableau;
        var c = tab.C.Select(r => (double[])r.Clone()).ToArray();
        c[3][1] *= 1 + 1e-7;
        var wrong = new RosenbrockTableau(tab.Gamma, tab.A, c, tab.Nodes, tab.D, tab.H, 5, 4, 4);
        var (alpha, gamma, b, _) = Original(wrong);
        var trees = RootedTree.UpToOrder(5);
        double worst = Enumerable.Range(1, 5).Max(p => Defect(trees, alpha, gamma, b, p));
        Assert.True(worst > 1e-9, $"defect {worst}");
    }

    [Fact]
    public void RadauIIA_SimplifyingConditions_AndStiffAccuracy()
    {
        var a = RadauIIA5.A;
        var c = RadauIIA5.C;
        // B(5): Σ b_i c_i^(k−1) = 1/k with b the last row of A (stiffly accurate); C(3): Σ_j a_ij c_j^(k−1) = c_i^k/k.
        for (int k = 1; k <= 5; k++)
            Assert.Equal(1.0 / k, Enumerable.Range(0, 3).Sum(i => a[2][i] * Math.Pow(c[i], k - 1)), 1e-14);
        for (int i = 0; i < 3; i++)
            for (int k = 1; k <= 3; k++)
                Assert.Equal(Math.Pow(c[i], k) / k, Enumerable.Range(0, 3).Sum(j => a[i][j] * Math.Pow(c[j], k - 1)), 1e-14);
        Assert.NotEqual(1.0 / 6, Enumerable.Range(0, 3).Sum(i => a[2][i] * Math.Pow(c[i], 5)), 1e-6);
    }

    [Fact]
    public void RadauIIA_EigenTransform_DiagonalisesTheInverseOfA()
    {
        var a = RadauIIA5.A;
        var t = RadauIIA5.T;
        var ti = RadauIIA5.TInverse;
        // T⁻¹·T = I and T⁻¹·A⁻¹·T = [[γ, 0, 0], [0, α, −β], [0, β, α]], i.e. T⁻¹·T·Λ = Λ with A·T·Λ = T.
        double[,] lambda = { { RadauIIA5.Gamma, 0, 0 }, { 0, RadauIIA5.Alpha, -RadauIIA5.Beta }, { 0, RadauIIA5.Beta, RadauIIA5.Alpha } };
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
            {
                double identity = 0, atl = 0;
                for (int k = 0; k < 3; k++) identity += ti[i, k] * t[k, j];
                for (int k = 0; k < 3; k++)
                    for (int l = 0; l < 3; l++) atl += a[i][k] * t[k, l] * lambda[l, j];
                Assert.Equal(i == j ? 1.0 : 0.0, identity, 1e-14);
                Assert.Equal(t[i, j], atl, 1e-14);
            }
    }

    [Fact]
    public void RadauIIA_DenseOutputPolynomial_InterpolatesTheStages()
    {
        var p = RadauIIA5.DenseP;
        var c = RadauIIA5.C;
        // u(θ) − y_old = Σ_k Q_k θ^k with Q_k = Σ_i P[i, k] Z_i must equal Z_j at θ = c_j.
        for (int j = 0; j < 3; j++)
            for (int i = 0; i < 3; i++)
            {
                double value = 0;
                for (int k = 0; k < 3; k++) value += p[i, k] * Math.Pow(c[j], k + 1);
                Assert.Equal(i == j ? 1.0 : 0.0, value, 1e-13);
            }
    }
}
