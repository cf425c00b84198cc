using FlowSim.Analysis.Sharpness;
using FlowSim.Dynamics.LargeSteps;
using FlowSim.Models;
using FlowSim.Randomness;
using Xunit;
using Xunit.Abstractions;

namespace FlowSim.Tests.Analysis.Sharpness;

/// <summary>The same-phase warm start (<see cref="LanczosOptions.SamePhaseExtrapolation"/>): the history's extrapolation
/// against polynomials it must reproduce exactly (and the known error of one degree too low), the tracked descent's S
/// with it against the dense eigensolver and against the run without it, and a degree out of range refused.</summary>
public sealed class SamePhaseWarmStartTests(ITestOutputHelper output)
{
    private const int N = 3;

    // v(t) = (1 + 0.01t, t, t³): the second and third entries are the linear and cubic parts.
    private static double[] Cubic(double t) => [1 + 0.01 * t, t, t * t * t];

    private static double[] Extrapolated(EigenvectorHistory history)
    {
        var target = new double[N];
        history.Extrapolate(0, target);
        return target;
    }

    [Fact]
    public void Degree_three_reproduces_a_cubic_from_every_second_solve_whatever_the_signs()
    {
        // Solves at t = 0 … 7; the same phase of the next (t = 8) is t = 6, 4, 2, 0. The odd ones are another mode.
        var history = new EigenvectorHistory(N, 1, 3);
        for (int t = 0; t < 8; t++)
        {
            var v = t % 2 == 0 ? Cubic(t) : [0.0, -1, 5];
            // An eigenvector's sign is arbitrary: t = 2 and 4 come with the other one.
            if (t is 2 or 4) for (int i = 0; i < N; i++) v[i] = -v[i];
            history.Push(v);
        }
        var expected = Cubic(8);
        var got = Extrapolated(history);
        for (int i = 0; i < N; i++) Assert.Equal(expected[i], got[i], 1e-9 * Math.Max(1, Math.Abs(expected[i])));
    }

    [Fact]
    public void One_degree_too_low_misses_the_cubic_by_its_known_remainder()
    {
        // The quadratic through t = 2, 4, 6 at t = 8 misses t³ by (8 − 2)(8 − 4)(8 − 6)·(t³)'''/3! = 48: 464, not 512.
        var history = new EigenvectorHistory(N, 1, 2);
        for (int t = 0; t < 8; t++) history.Push(Cubic(t));
        var got = Extrapolated(history);
        Assert.Equal(464, got[2], 1e-9);
        Assert.Equal(8, got[1], 1e-12);
    }

    [Fact]
    public void Fewer_solves_than_the_degree_needs_use_the_highest_degree_they_allow()
    {
        var history = new EigenvectorHistory(N, 1, 3);
        history.Push(Cubic(0));
        Assert.False(history.CanExtrapolate);
        history.Push(Cubic(1));
        Assert.True(history.CanExtrapolate);
        Assert.Equal(Cubic(0), Extrapolated(history)); // degree 0: the eigenvector of two solves back
        history.Push(Cubic(2));
        history.Push(Cubic(3));
        // Four solves: degree 1 through the solves 2 and 4 back (t = 2 and 0) at t = 4, exact on the linear part.
        var got = Extrapolated(history);
        Assert.Equal(4, got[1], 1e-12);
        Assert.Equal(16, got[2], 1e-12); // t³ by the line through (0, 0) and (2, 8) at t = 4
        history.Clear();
        Assert.False(history.CanExtrapolate);
    }

    [Fact]
    public void Tracked_descent_at_the_edge_gives_the_dense_sharpness_with_and_without_the_same_phase_start()
    {
        // MF 6×6 (n = 72) with linspace(1, 0.1) singular values at η = 1.02 (ηs₁ > 1): descent reaches 2/η and cycles.
        int d = 6;
        var model = new AsymmetricFactorization(d, d, d, MatrixSensing.RandomTarget(d, d, [.. Enumerable.Range(0, d).Select(i => 1 - 0.9 * i / (d - 1))], 5));
        var theta0 = new double[model.ParameterCount];
        new Xoshiro256StarStar(3).FillNormal(theta0, 1e-3);
        double worst = 0;
        int checkedSolves = 0;
        SharpnessDescentResult Run(int? degree, bool check) => SharpnessTrackedDescent.Run(model, theta0, new SharpnessDescentOptions
        {
            StepSize = 1.02, Steps = 80, Midpoints = false,
            Lanczos = new LanczosOptions { SamePhaseExtrapolation = degree },
            OnSharpness = !check ? null : (k, theta, solver) =>
            {
                var dense = ExplicitHessian.Eigenvalues(model, theta);
                worst = Math.Max(worst, Math.Abs(solver.Eigenvalues[0] - dense[0]) / Math.Max(Math.Abs(dense[0]), Math.Abs(dense[^1])));
                checkedSolves++;
            },
        });
        var with = Run(3, check: true);
        var without = Run(null, check: false);
        Assert.NotNull(with.OnsetStep);
        Assert.Equal(81, checkedSolves);
        output.WriteLine($"onset {with.OnsetStep}; worst |S − S_dense|/‖H‖ {worst:E2}; products {with.ProductsPerSolve.Sum()} with, {without.ProductsPerSolve.Sum()} without");
        Assert.True(worst <= 1e-10, $"worst relative error of S against the dense eigensolver: {worst:E2}");
        Assert.Equal(without.OnsetStep, with.OnsetStep);
        for (int k = 0; k < with.Sharpness.Length; k++) Assert.Equal(without.Sharpness[k], with.Sharpness[k], 1e-10 * Math.Abs(without.Sharpness[k]));
        // Both phases of the cycle: S above and below 2/η after the onset, so the second start was exercised where it matters.
        var late = with.Sharpness.Skip(with.OnsetStep!.Value + 10).ToArray();
        Assert.Contains(late, s => s > 2 / 1.02);
        Assert.Contains(late, s => s < 2 / 1.02);
        Assert.NotEqual(without.ProductsPerSolve, with.ProductsPerSolve);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(7)]
    public void A_degree_out_of_range_is_refused_naming_the_option(int degree)
    {
        var ex = Assert.Throws<ArgumentException>(() => new LanczosEigensolver(5, new LanczosOptions { SamePhaseExtrapolation = degree }));
        Assert.Contains("SamePhaseExtrapolation", ex.Message);
        Assert.Contains($"got {degree}", ex.Message);
    }
}
