using MathNet.Numerics.LinearAlgebra;

namespace FlowSim.Theory;

/// <summary>
/// Setup S1 of THEORY §4 (FlowSim's own; P1 v1 has no experiments): m = 4, n = 3, h = 3, r = 2, X = diag(2, 1) padded to
/// 4×3, M = 40 Gaussian measurements scaled by 1/√M, η = 0.05, W₀ = 0.05·Gaussian. The seeds derive from the master
/// seed under the shared owner "S1", so every W claim sees the same draw.
/// </summary>
internal sealed class WindSetup
{
    public const int M = 4, N = 3, H = 3, Rank = 2, MeasurementCount = 40;
    public const double Eta = 0.05, InitScale = 0.05;
    public static readonly double[] Spectrum = [2.0, 1.0];

    /// <summary>S1 as the report lists it.</summary>
    private sealed record Settings(int m = M, int n = N, int h = H, int r = Rank, [property: Parameter("σ(X)")] double[]? SigmaX = null,
        [property: Parameter("M (measurements)")] int Measurements = MeasurementCount, double η = Eta, [property: Parameter("W₀ scale")] double InitialScale = InitScale);

    private WindSetup(MatrixSensing model, double[] theta0)
    {
        Model = model;
        Theta0 = theta0;
    }

    public MatrixSensing Model { get; }
    public double[] Theta0 { get; }

    /// <summary>Builds S1 and records its settings and seeds.</summary>
    public static WindSetup S1(ClaimContext ctx)
    {
        int measurementSeed = ClaimContext.DeriveSeed(ctx.Settings.Seed, "S1", "measurements");
        int initSeed = ClaimContext.DeriveSeed(ctx.Settings.Seed, "S1", "W0");
        var model = new MatrixSensing(new GaussianMeasurements(MeasurementCount, M, N, (ulong)measurementSeed), MatrixSensing.DiagonalTarget(M, N, Spectrum), H);
        ctx.Record(new Settings(SigmaX: Spectrum));
        ctx.SetParameter("seed[measurements]", measurementSeed);
        ctx.SetParameter("seed[W0]", initSeed);
        return new WindSetup(model, Initializations.Gaussian(model, InitScale, (ulong)initSeed));
    }

    /// <summary>θ₀ … θ_K of gradient descent, through the library's descent driver.</summary>
    public double[][] Descent(ClaimContext ctx, int steps, double eta = Eta)
    {
        var run = GradientDescent.Run(Model, Theta0, eta, steps, ctx.CancellationToken);
        ctx.AddRhsEvaluations(run.GradientEvaluations);
        if (!run.Completed) throw new InvalidOperationException($"S1 descent did not complete: {run.Message}");
        return [.. run.Values];
    }

    /// <summary>Identity measurements (𝒜*𝒜 = I, so P ≡ 0) with S1's X and shapes: the pure flow.</summary>
    public static MatrixSensing PureFlowModel() => new(new IdentityMeasurements(M, N), MatrixSensing.DiagonalTarget(M, N, Spectrum), H);

    public static Matrix<double> Mat(int rows, int cols, ReadOnlySpan<double> data) => Matrix<double>.Build.Dense(rows, cols, data.ToArray());

    public static double MaxAbsDifference(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double d = 0;
        for (int i = 0; i < a.Length; i++) d = Math.Max(d, Math.Abs(a[i] - b[i]));
        return d;
    }
}
