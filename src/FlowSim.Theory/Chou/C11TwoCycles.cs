namespace FlowSim.Theory;

/// <summary>C11: the fixed point λ^{1/N} loses stability at η = 2/(Nλ^{2−2/N}) and a 2-cycle appears (Lemma B.1.2).</summary>
internal sealed class C11TwoCycles() : PaperClaim<C11TwoCycles.Parameters>(new("C11", Papers.Chou,
    "Lemma B.1 (2)", ClaimKind.DerivedAnalog, "Derived analog: instability and 2-cycles above η = 2/(Nλ^(2−2/N))"),
    _ => new(Cases.Select(c => $"({c.N}, {c.Eta})").ToArray()))
{
    internal sealed record Parameters([property: Parameter("cases (N, η)")] string[] Cases, double λ = 1, double α = 0.5,
        [property: Parameter("steps before detection")] int Transient = 20_000, [property: Parameter("period tolerance")] double Tolerance = 1e-10);

    private static readonly (int N, double Eta, bool Cycle)[] Cases = [(2, 0.99, false), (2, 1.01, true), (2, 1.2, true), (3, 0.66, false), (3, 0.68, true)];

    protected override ClaimOutcome Check(ClaimContext ctx, Parameters q)
    {
        double lambda = q.λ, tol = q.Tolerance;
        int transient = ctx.Perturb(q.Transient, 3); // wrong input: three steps, too few to settle on a fixed point or a cycle
        var parts = new List<ClaimOutcome>();
        foreach (var (n, eta, expectCycle) in Cases)
        {
            string label = $"N={n}, η={eta}";
            double G(double x) => DeepScalarDescent.Step(n, lambda, eta, x);
            // g'(x) = 1 + η[(N−1)λx^{N−2} − (2N−1)x^{2N−2}], eq. (21).
            double GPrime(double x) => 1 + eta * ((n - 1) * lambda * ChouScalar.Pow(x, n - 2) - (2 * n - 1) * ChouScalar.Pow(x, 2 * n - 2));
            double x = q.α;
            for (int k = 0; k < transient; k++) x = G(x);
            double x1 = G(x), x2 = G(x1);
            bool converged = Math.Abs(x1 - x) <= tol && Math.Abs(ChouScalar.Pow(x, n) - lambda) <= tol;
            bool twoCycle = Math.Abs(x2 - x) <= tol && Math.Abs(x1 - x) > tol;
            var regime = StepSizeRegimes.Classify(n, lambda, q.α, eta, q.Transient).Observed;
            ctx.Report($"regime ({label}) [{regime}]", (int)regime);
            if (!expectCycle)
            {
                parts.Add(ClaimOutcome.Condition(converged && regime != StepSizeRegime.Cycle,
                    $"{label}: converges to λ^(1/N) (|x − g(x)| ≤ {tol:G}, library regime {regime})", Math.Abs(x1 - x)));
                continue;
            }
            double lo = Math.Min(ChouScalar.Pow(x, n), ChouScalar.Pow(x1, n)), hi = Math.Max(ChouScalar.Pow(x, n), ChouScalar.Pow(x1, n));
            ctx.Report($"cycle x^N low ({label})", lo);
            ctx.Report($"cycle x^N high ({label})", hi);
            // Cross-check: both cycle points are roots of g(g(x)) = x (Newton from the iterate) that are not fixed points of g.
            double root = x;
            for (int i = 0; i < 50; i++)
            {
                double gx = G(root), next = root - (G(gx) - root) / (GPrime(gx) * GPrime(root) - 1);
                if (next == root) break;
                root = next;
            }
            parts.Add(ClaimOutcome.Condition(twoCycle && regime == StepSizeRegime.Cycle,
                $"{label}: period 2 after {transient} steps, x^N on the cycle {lo:G8} and {hi:G8} (library regime {regime})", hi - lo));
            parts.Add(ClaimOutcome.Agreement(x, root, tol, $"{label}: cycle point vs root of g(g(x)) = x"));
            parts.Add(ClaimOutcome.Condition(lo < lambda && hi > lambda && Math.Abs(G(root) - root) > 1e3 * tol,
                $"{label}: the root is not a fixed point of g and the cycle straddles λ", Math.Abs(G(root) - root)));
        }
        return ClaimOutcome.Combine(parts);
    }
}
