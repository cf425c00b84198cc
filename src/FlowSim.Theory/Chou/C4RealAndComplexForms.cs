namespace FlowSim.Theory;

/// <summary>C4: the real form of F_{N,λ} equals the real part of the complex-log form, and is an antiderivative of 1/f.</summary>
internal sealed class C4RealAndComplexForms() : PaperClaim<C4RealAndComplexForms.Parameters>(new("C4", Papers.Chou,
    "Lemma 2.5, eq. (31) (partial fractions); real form derived", ClaimKind.ExactIdentity, "Real form of F_{N,λ} equals the complex-log form"),
    _ => new([3, 4, 5, 7], [1, 2.5, -1, -0.3], [0.05, 0.3, 0.9, 1.2, 2.0]))
{
    internal sealed record Parameters(int[] N, double[] λ, double[] x);

    protected override ClaimOutcome Check(ClaimContext ctx, Parameters q)
    {
        double shift = ctx.Perturb(0.0, 1e-10); // wrong input: a real form shifted by 1e−10
        var forms = new List<ClaimOutcome>();
        var slopes = new List<ClaimOutcome>();
        foreach (int n in q.N)
            foreach (double lambda in q.λ)
                foreach (double x in q.x)
                {
                    if (lambda > 0 && x == Math.Pow(lambda, 1.0 / n)) continue;
                    string label = $"N={n}, λ={lambda}, x={x}";
                    double diff = Math.Abs(ImplicitSolution.RealForm(n, lambda, x) + shift - ImplicitSolution.ComplexForm(n, lambda, x).Real);
                    forms.Add(ClaimOutcome.UpperBound(diff, 1e-11, $"{label}: |F_real − Re F_complex|"));
                    // dF/dx must be 1/(x^{N−1}(λ − x^N)): a central difference of the real form, with h well inside the
                    // distance to the real root so that the truncation error (h/distance)² stays ≈ 1e−8.
                    double distance = lambda > 0 ? Math.Abs(x - Math.Pow(lambda, 1.0 / n)) : x;
                    double h = 1e-4 * Math.Min(x, distance);
                    double slope = (ImplicitSolution.RealForm(n, lambda, x + h) - ImplicitSolution.RealForm(n, lambda, x - h)) / (2 * h);
                    double exact = 1 / (Math.Pow(x, n - 1) * (lambda - Math.Pow(x, n)));
                    slopes.Add(ClaimOutcome.UpperBound(Math.Abs(slope - exact) / Math.Abs(exact), 1e-6,
                        $"{label}: relative |dF/dx − 1/(x^(N−1)(λ − x^N))|, central difference h = 1e-4·min(x, |x − λ^(1/N)|)"));
                }
        ctx.Report("max |real − Re complex|", forms.Max(p => p.Measured));
        ctx.Report("max relative |F'(x) − 1/f(x)| (central difference)", slopes.Max(p => p.Measured));
        return ClaimOutcome.Combine([.. forms, .. slopes]);
    }
}
