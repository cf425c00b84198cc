namespace FlowSim.Theory;

/// <summary>
/// C16, Lemma 2.1 (decoupling): under identical initialisation every factor of the full-matrix descent (6) stays
/// V·diag(x_k)·Vᵀ with x_k the scalar recursion (18) of each eigenvalue. Draws the P3 Fig. 1(a) analog.
/// </summary>
internal sealed class C16MatrixDecoupling() : PaperClaim<C16MatrixDecoupling.Parameters>(new("C16", Papers.Chou,
    "Lemma 2.1, eqs. (6), (17), (18)", ClaimKind.ExactIdentity, "Matrix decoupling: every factor is V diag(x_k) Vᵀ with x_k the scalar recursion (18)"),
    _ => new([3, 1.5, 0.5, -0.5, -2]))
{
    internal sealed record Parameters(double[] λ, int N = 3, int d = 5, double α = 0.1, double η = 0.01, [property: Parameter("steps")] int Steps = 2000,
        [property: Parameter("tolerance")] double Tolerance = 1e-11);

    private const int FigureSteps = 8000;

    protected override ClaimOutcome Check(ClaimContext ctx, Parameters q)
    {
        int dim = q.d, depth = q.N;
        var rng = ctx.CreateRng("V");
        var v = RandomMatrices.Orthogonal(rng, dim);
        var model = new DeepFactorization(depth, dim, SpectralMatrices.Compose(v, q.λ));
        var theta0 = Initializations.Identical(model, q.α);
        double noise = ctx.Perturb(0.0, 1e-6); // wrong input: a Gaussian 1e−6 added to θ₀ breaks the common eigenbasis
        if (noise != 0)
        {
            var e = new double[theta0.Length];
            rng.FillNormal(e, noise);
            for (int i = 0; i < theta0.Length; i++) theta0[i] += e[i];
        }

        // Independent reference: the scalar recursion (18) per eigenvalue, never touching a matrix.
        var reference = q.λ.Select(l => DeepScalarDescent.Run(depth, l, q.α, q.η, FigureSteps)).ToArray();
        var gd = new GradientDescent(model, theta0, q.η);
        double maxDiag = 0, maxOff = 0;
        int kDiag = 0, kOff = 0, jOff = 0;
        var rotated = new double[dim * dim];
        int record = ctx.Quick ? 40 : 10;
        var figK = new List<double>();
        var figEig = Enumerable.Range(0, dim).Select(_ => new List<double>()).ToArray();
        var product = new double[dim * dim];
        for (int k = 0; k <= FigureSteps; k++)
        {
            if (k <= q.Steps)
            {
                for (int j = 1; j <= depth; j++)
                {
                    SpectralMatrices.RotateInto(v, model.Factor(gd.Theta, j), rotated);
                    for (int b = 0; b < dim; b++)
                        for (int a = 0; a < dim; a++)
                        {
                            double m = rotated[b * dim + a];
                            if (a == b)
                            {
                                double err = Math.Abs(m - reference[a][k]);
                                if (!(err <= maxDiag)) { maxDiag = err; kDiag = k; }
                            }
                            else if (!(Math.Abs(m) <= maxOff)) { maxOff = Math.Abs(m); kOff = k; jOff = j; }
                        }
                }
                if (k % record == 0)
                {
                    model.Product(gd.Theta, product);
                    SpectralMatrices.RotateInto(v, product, rotated);
                    figK.Add(k);
                    for (int i = 0; i < dim; i++) figEig[i].Add(rotated[i * dim + i]);
                }
            }
            else if (k % record == 0)
            {
                // Beyond the checked range the figure shows (18), which the check just tied to the matrix iterates.
                figK.Add(k);
                for (int i = 0; i < dim; i++) figEig[i].Add(Math.Pow(reference[i][k], depth));
            }
            if (k == q.Steps / 2) ctx.Report($"max |off-diagonal of VᵀW_jV| over k ≤ {q.Steps / 2}", maxOff);
            if (k < FigureSteps) gd.Step();
            if (k % 1000 == 0) ctx.ThrowIfCancellationRequested();
        }
        ctx.AddRhsEvaluations(gd.Evaluations);
        ctx.Report("max |diag(VᵀW_jV) − x_k|", maxDiag);
        ctx.Report("k of max diagonal error", kDiag);
        ctx.Report($"max |off-diagonal of VᵀW_jV| over k ≤ {q.Steps}", maxOff);
        ctx.Report("k of max off-diagonal", kOff);
        model.Product(gd.Theta, product);
        SpectralMatrices.RotateInto(v, product, rotated);
        for (int i = 0; i < dim; i++)
        {
            ctx.Report($"matrix GD k={FigureSteps}: (VᵀWV)_ii for λ={q.λ[i]}", rotated[i * dim + i]);
            ctx.Report($"scalar (18) k={FigureSteps}: x^N for λ={q.λ[i]}", Math.Pow(reference[i][FigureSteps], depth));
        }
        ctx.AddNote("V is a Haar orthogonal matrix from Xoshiro256** with the recorded seed[V] (derived from the run seed); the scalar reference runs (18) for each λ without any matrix.");
        ctx.AddNote($"The decoupling is checked on k ≤ {q.Steps} as THEORY.md states. The matrix descent is continued to k = {FigureSteps} and its final diagonal is reported: " +
                    "in double precision the rounding-level off-diagonal part keeps growing (compare the reported maxima over k ≤ 1000 and k ≤ 2000), and over long runs the iterate can leave the identical-initialisation manifold " +
                    "(compare the reported matrix and scalar values for λ < 0; a rounding perturbation acts like the perturbed initialisation of Theorem 1.3). " +
                    "The figure therefore shows matrix iterates for k ≤ 2000 and the scalar recursion (18) after that.");
        ctx.AddFigure(SpectrumRecovery(figK, figEig, q));

        var outcome = ClaimOutcome.UpperBound(Math.Max(maxDiag, maxOff), q.Tolerance, "max over j ≤ N, k ≤ 2000 of |VᵀW_j(k)V − diag(x_k)|");
        if (maxOff > q.Tolerance)
            return outcome.WithMessage($"the factors lost their common eigenbasis: off-diagonal |(VᵀW_jV)_ab| = {ClaimOutcome.FormatNumber(maxOff)} > {ClaimOutcome.FormatNumber(q.Tolerance)} (factor j = {jOff}, k = {kOff}); Lemma 2.1 needs identical initialisation.");
        if (maxDiag > q.Tolerance)
            return outcome.WithMessage($"the factors share V's eigenbasis (off-diagonal ≤ {ClaimOutcome.FormatNumber(maxOff)}) but their diagonal differs from the scalar recursion (18) by {ClaimOutcome.FormatNumber(maxDiag)} > {ClaimOutcome.FormatNumber(q.Tolerance)} at k = {kDiag}.");
        return outcome;
    }

    /// <summary>P3 Fig. 1(a) analog: product eigenvalues VᵀW(k)V over k, identical initialisation.</summary>
    private static FigureSpec SpectrumRecovery(IReadOnlyList<double> k, IReadOnlyList<double>[] eigenvalues, Parameters q)
    {
        var fig = new FigureSpec("fig1a-spectrum-identical-init", "Spectrum recovery under identical initialisation (P3 Fig. 1(a) analog)")
        {
            XLabel = "iteration k",
            YLabel = "eigenvalue of W(k) along v_i",
            Caption = $"Analog of P3 Fig. 1(a): the diagonal of VᵀW(k)V for full-matrix GD (6) with W_j(0) = αI, N = {q.N}, d = {q.λ.Length}, " +
                      $"α = {q.α}, η = {q.η}, Â = V diag({string.Join(", ", q.λ)}) Vᵀ with a seeded Haar V (C16's setting). Large eigenvalues arrive first; " +
                      $"the negative ones are cut off (they decay to 0, not to λ). For k ≤ {q.Steps} the curves are the matrix iterates (C16 checks them against the scalar recursion (18) to 1e−11); after that they continue with (18) so that λ = 0.5 arrives. " +
                      "All parameters are FlowSim's own; the paper's are unknown.",
        };
        for (int i = 0; i < q.λ.Length; i++) fig.AddSeries($"λ = {q.λ[i]}", k, eigenvalues[i]);
        foreach (double l in q.λ) fig.AddHorizontalLine(l, $"λ = {l}");
        return fig;
    }
}
