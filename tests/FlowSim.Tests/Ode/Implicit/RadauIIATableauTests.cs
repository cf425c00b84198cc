using FlowSim.Ode;
using Xunit;

namespace FlowSim.Tests.Ode.Implicit;

/// <summary>
/// The Radau IIA constants computed from their definition (<c>RadauIIAConstruction</c>): for three stages they must equal
/// Hairer's published RADAU5 constants, an independent reference; for five stages they must satisfy the order
/// conditions B(9) and C(5), diagonalise A⁻¹ into the block form the Newton iteration assumes, give an embedded
/// estimate of order exactly 5, and a dense polynomial through the stages.
/// </summary>
public class RadauIIATableauTests
{
    [Fact]
    public void ThreeStages_ComputedFromTheDefinition_EqualHairersConstants()
    {
        var x = RadauIIATableau.Compute(3);
        for (int i = 0; i < 3; i++) Assert.Equal(RadauIIA5.C[i], x.C[i], 1e-16);
        Assert.Equal(RadauIIA5.Gamma, x.Gamma, 1e-14);
        Assert.Equal(RadauIIA5.Alpha, x.Alpha[0], 1e-14);
        Assert.Equal(RadauIIA5.Beta, x.Beta[0], 1e-14);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(RadauIIA5.E[i], x.E[i], 1e-13);
            for (int j = 0; j < 3; j++) Assert.Equal(RadauIIA5.DenseP[i, j], x.DenseP[i, j], 1e-12);
        }
        // Hairer's T has the same last row (T31, 1, 0) up to the scale of the real column: T31 = 0.966…, ours 1.
        Assert.Equal(1.0, x.T[2, 1], 1e-15);
        Assert.Equal(0.0, x.T[2, 2], 1e-15);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(RadauIIA5.T[i, 0] / RadauIIA5.T[2, 0], x.T[i, 0], 1e-14);
            Assert.Equal(RadauIIA5.T[i, 1], x.T[i, 1], 1e-14);
            Assert.Equal(RadauIIA5.T[i, 2], x.T[i, 2], 1e-14);
        }
    }

    [Fact]
    public void FiveStages_OrderConditionsAndStiffAccuracy()
    {
        var x = RadauIIATableau.Five;
        var a = RadauIIAConstruction.CoefficientMatrix(5);
        var c = x.C;
        // B(9): Σ b_i c_i^(k−1) = 1/k, b the last row (stiffly accurate); not B(10). C(5): Σ_j a_ij c_j^(k−1) = c_i^k/k.
        for (int k = 1; k <= 9; k++)
            Assert.Equal(1.0 / k, Enumerable.Range(0, 5).Sum(i => a[4, i] * Math.Pow(c[i], k - 1)), 1e-15);
        Assert.NotEqual(1.0 / 10, Enumerable.Range(0, 5).Sum(i => a[4, i] * Math.Pow(c[i], 9)), 1e-8);
        for (int i = 0; i < 5; i++)
            for (int k = 1; k <= 5; k++)
                Assert.Equal(Math.Pow(c[i], k) / k, Enumerable.Range(0, 5).Sum(j => a[i, j] * Math.Pow(c[j], k - 1)), 1e-15);
        Assert.Equal(1.0, c[4]);
        // The nodes of Hairer–Wanner II, Table IV.5.? for s = 5 to the digits printed in radau.f: c₁ = 0.0571041961145176…
        Assert.Equal(0.05710419611451768, c[0], 1e-15);
    }

    [Fact]
    public void FiveStages_TransformDiagonalisesTheInverseOfA_IntoTheBlocksTheNewtonIterationSolves()
    {
        var x = RadauIIATableau.Five;
        var a = RadauIIAConstruction.CoefficientMatrix(5);
        var lambda = new double[5, 5];
        lambda[0, 0] = x.Gamma;
        for (int p = 0; p < 2; p++)
        {
            int r = 1 + 2 * p;
            lambda[r, r] = lambda[r + 1, r + 1] = x.Alpha[p];
            lambda[r, r + 1] = -x.Beta[p];
            lambda[r + 1, r] = x.Beta[p];
            Assert.True(x.Beta[p] > 0);
        }
        // A·T·Λ = T (i.e. T⁻¹A⁻¹T = Λ) and T⁻¹T = I.
        for (int i = 0; i < 5; i++)
            for (int j = 0; j < 5; j++)
            {
                double atl = 0, identity = 0;
                for (int k = 0; k < 5; k++)
                {
                    identity += x.TInverse[i, k] * x.T[k, j];
                    for (int l = 0; l < 5; l++) atl += a[i, k] * x.T[k, l] * lambda[l, j];
                }
                Assert.Equal(x.T[i, j], atl, 1e-13);
                Assert.Equal(i == j ? 1.0 : 0.0, identity, 1e-13);
            }
        // The last row is (1, 1, 0, 1, 0): Z₅ = W₁ + W₂ + W₄.
        double[] lastRow = [1, 1, 0, 1, 0];
        for (int j = 0; j < 5; j++) Assert.Equal(lastRow[j], x.T[4, j]);
    }

    [Fact]
    public void FiveStages_ErrorEstimate_VanishesOnPolynomialsUpToDegreeFour_NotFive()
    {
        // f = t^(k−1), h = 1, J = 0: Z_i = c_i^k/k, f(t₀) = [k = 1]; ŷ − y = γ₀ f₀ + Σ_j (E_j/γ) Z_j with γ₀ = 1/γ.
        var x = RadauIIATableau.Five;
        double Estimate(int k) => (k == 1 ? 1 / x.Gamma : 0) + Enumerable.Range(0, 5).Sum(j => x.E[j] / x.Gamma * Math.Pow(x.C[j], k) / k);
        for (int k = 1; k <= 5; k++) Assert.Equal(0.0, Estimate(k), 1e-13);
        Assert.True(Math.Abs(Estimate(6)) > 1e-4, $"{Estimate(6)}");
    }

    [Fact]
    public void FiveStages_DensePolynomial_InterpolatesTheStages()
    {
        var x = RadauIIATableau.Five;
        for (int j = 0; j < 5; j++)
            for (int i = 0; i < 5; i++)
            {
                double value = 0;
                for (int k = 0; k < 5; k++) value += x.DenseP[i, k] * Math.Pow(x.C[j], k + 1);
                Assert.Equal(i == j ? 1.0 : 0.0, value, 1e-12);
            }
    }
}
