namespace FlowSim.Theory;

/// <summary>
/// The scalar figures of Chou et al. as FlowSim reproduces them (THEORY.md §5): Fig. 2 (depth), Fig. 4 (iteration
/// counts against ε), Fig. 5 (sign change of the perturbed factor) and the perturbed half of Fig. 1(b). Every
/// parameter is FlowSim's own choice, since the paper's figure parameters were not recovered; the captions say so.
/// </summary>
internal static class ChouScalarFigures
{
    /// <summary>Fig. 2 analog: π(t) = x(t)^N of the flow for N = 2…6, λ = 1, α = 0.1, from the closed/implicit solution.</summary>
    /// <param name="context">The running claim (quick mode uses fewer points).</param>
    /// <param name="halfTimes">For each N, the time at which π reaches λ/2.</param>
    public static FigureSpec DepthArrival(ClaimContext context, out IReadOnlyList<(int Depth, double HalfTime)> halfTimes)
    {
        const double lambda = 1, alpha = 0.1;
        var times = ChouScalar.LogSpace(0.05, 1e4, context.Quick ? 120 : 400);
        var fig = new FigureSpec("depth-arrival", "Product eigenvalue π(t) = x(t)^N of the flow, by depth N")
        {
            XLabel = "t (log scale)", YLabel = "π(t) = x(t)^N", LogX = true, YMin = 0, YMax = 1.05,
            Caption = "Analog of Chou et al. Fig. 2 (parameters FlowSim's own: λ = 1, α = 0.1, N = 2…6). π(t) = x(t)^N from the " +
                      "closed form (N = 2) and the implicit solution (N ≥ 3) of x' = x^(N−1)(λ − x^N). Deeper models arrive later " +
                      "(≈ 1/((N−2)λα^(N−2))) and, on the log-time axis, more sharply. Dashed lines: time at which π = λ/2.",
        };
        var half = new List<(int, double)>();
        for (int n = 2; n <= 6; n++)
        {
            var pi = times.Select(t => DeepScalarFlow.Product(n, lambda, alpha, t)).ToArray();
            fig.AddSeries($"N = {n}", times, pi);
            double tHalf = FlowTimes.TimeToReach(n, lambda, alpha, Math.Pow(0.5 * lambda, 1.0 / n));
            half.Add((n, tHalf));
            fig.AddVerticalLine(tHalf, $"N = {n}");
        }
        halfTimes = half;
        return fig;
    }

    /// <summary>
    /// Fig. 4 analog: GD first-hit counts K_ε against the flow prediction t_ε/η and the small-α asymptotics, over
    /// ε ∈ [1e−8, 1e−1], for N = 3, λ = 1, α = 0.1, η = 0.01.
    /// </summary>
    /// <param name="context">The running claim (quick mode uses fewer ε).</param>
    /// <param name="rows">(ε, K_ε, t_ε/η) for every ε plotted.</param>
    public static FigureSpec EpsilonCounts(ClaimContext context, out IReadOnlyList<(double Epsilon, int Count, double Predicted)> rows)
    {
        const int n = 3;
        const double lambda = 1, alpha = 0.1, eta = 0.01;
        var eps = ChouScalar.LogSpace(1e-8, 1e-1, context.Quick ? 15 : 36);
        var k = new double[eps.Length];
        var predicted = new double[eps.Length];
        var asymptotic = new double[eps.Length];
        var list = new List<(double, int, double)>();
        for (int i = 0; i < eps.Length; i++)
        {
            int count = DeepScalarDescent.FirstHit(n, lambda, alpha, eta, eps[i])
                        ?? throw new InvalidOperationException($"GD did not reach ε = {eps[i]:G3}.");
            k[i] = count;
            predicted[i] = (FlowTimes.TimeToEpsilon(n, lambda, alpha, eps[i]) ?? double.NaN) / eta;
            asymptotic[i] = AsymptoticConstants.TimeToEpsilon(n, lambda, alpha, eps[i]) / eta;
            list.Add((eps[i], count, predicted[i]));
        }
        double plateau = 1 / ((n - 2) * lambda * Math.Pow(alpha, n - 2) * eta);
        var fig = new FigureSpec("epsilon-counts", "Iterations to reach |x_k^N − λ| ≤ ε")
        {
            XLabel = "ε (log scale)", YLabel = "iterations", LogX = true, YMin = 0,
            Caption = "Analog of Chou et al. Fig. 4 (parameters FlowSim's own: N = 3, λ = 1, α = 0.1, η = 0.01). Markers: GD first-hit " +
                      "count K_ε of x_{k+1} = x_k + ηx_k^(N−1)(λ − x_k^N). Line: t_ε/η from the implicit flow solution (derived analog of " +
                      "the paper's T_N). Dashed: the small-α asymptotics /η. The count is an ε-independent stage ≈ 1/((N−2)λα^(N−2)η) " +
                      "(horizontal line) plus a stage growing like ln(1/ε).",
        };
        fig.AddSeries("GD K_ε", eps, k, SeriesStyle.Markers);
        fig.AddSeries("flow t_ε/η", eps, predicted);
        fig.AddSeries("asymptotic t_ε/η", eps, asymptotic, SeriesStyle.DashedLine);
        fig.AddHorizontalLine(plateau, "1/((N−2)λα^(N−2)η)");
        rows = list;
        return fig;
    }

    /// <summary>Fig. 5 analog: x_k, y_k, x_k − y_k and x_k² − y_k² of the perturbed system, with the sign change at K*.</summary>
    public static FigureSpec SignChange(PerturbedTrajectory trajectory, int kStar, int depth, double lambda, double alpha, double beta, double eta)
    {
        int last = Math.Min(trajectory.X.Length - 1, Math.Max(8 * kStar, 200));
        var k = Enumerable.Range(0, last + 1).Select(i => (double)i).ToArray();
        var x = trajectory.X[..(last + 1)];
        var y = trajectory.Y[..(last + 1)];
        var fig = new FigureSpec("sign-change", "Perturbed identical initialization: the perturbed factor changes sign")
        {
            XLabel = "iteration k", YLabel = "value",
            Caption = $"Analog of Chou et al. Fig. 5 (parameters FlowSim's own: N = {depth}, λ = {lambda}, α = {alpha}, β = {beta}, η = {eta}). " +
                      "x_k: the N − 1 unperturbed factors; y_k: the perturbed factor. x − y grows while x² − y² stays small " +
                      $"(balancedness, recursions (42)–(44)); y turns negative at K* = {kStar} (vertical line), after which x^(N−1)y → λ < 0.",
        };
        fig.AddSeries("x_k", k, x);
        fig.AddSeries("y_k", k, y);
        fig.AddSeries("x_k − y_k", k, x.Zip(y, (a, b) => a - b).ToArray(), SeriesStyle.DashedLine);
        fig.AddSeries("x_k² − y_k²", k, x.Zip(y, (a, b) => a * a - b * b).ToArray(), SeriesStyle.DashedLine);
        fig.AddVerticalLine(kStar, "K*");
        fig.AddHorizontalLine(0);
        return fig;
    }

    /// <summary>
    /// Fig. 1(b) analog for one negative eigenvalue: the product eigenvalue under identical initialization (cut off to 0,
    /// as in C12) and under perturbed identical initialization (recovered, C14).
    /// </summary>
    public static FigureSpec NegativeEigenvalue(double[] identical, double[] perturbed, int depth, double lambda, double alpha, double beta, double eta)
    {
        int last = Math.Min(identical.Length, perturbed.Length) - 1;
        var k = Enumerable.Range(0, last + 1).Select(i => (double)i).ToArray();
        var fig = new FigureSpec("negative-eigenvalue", "Negative eigenvalue: cut off vs recovered")
        {
            XLabel = "iteration k", YLabel = "product eigenvalue p_k",
            Caption = $"Analog of the negative-eigenvalue part of Chou et al. Fig. 1 (parameters FlowSim's own: N = {depth}, λ = {lambda}, " +
                      $"α = {alpha}, η = {eta}). Identical initialization (all factors αI, claim C12) drives p_k = x_k^N to 0: the negative " +
                      $"eigenvalue is cut off. Perturbing one factor to β = {beta} (claim C14) makes it change sign, and p_k = x_k^(N−1)y_k → λ.",
        };
        fig.AddSeries("identical init (β = α)", k, identical[..(last + 1)]);
        fig.AddSeries($"perturbed init (β = {beta})", k, perturbed[..(last + 1)]);
        fig.AddHorizontalLine(lambda, "λ");
        fig.AddHorizontalLine(0);
        return fig;
    }
}
