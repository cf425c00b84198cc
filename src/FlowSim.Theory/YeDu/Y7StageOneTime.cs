namespace FlowSim.Theory;

/// <summary>Y7: the stage-1 time (9) puts the upper curve exactly at ασ_d: a₁²(t₁) = 0.5, cross-checked by root finding.</summary>
internal sealed class Y7StageOneTime() : PaperClaim<Y7StageOneTime.Parameters>(new("Y7", Papers.YeDu,
    "eqs. (8), (9) (stage-1 time)", ClaimKind.ClosedForm, "Stage-1 time (9): a₁²(t₁) = ασ_d exactly"), _ => new())
{
    internal sealed record Parameters([property: Parameter("σ₁")] double Sigma1 = 5, [property: Parameter("σ_d")] double SigmaD = 1, int d = 5,
        double c = 1, double ε = 0.01, double α = 0.5);

    protected override ClaimOutcome Check(ClaimContext ctx, Parameters q)
    {
        double t1 = YeDuClosedForms.StageOneTime(q.Sigma1, q.SigmaD, q.d, q.c, q.ε, q.α);
        double value = YeDuClosedForms.UpperCurveSquared(q.Sigma1, q.d, q.c, q.ε, t1);
        ctx.Report("t₁", t1);
        ctx.Report("a₁²(t₁)", value);

        // Independent cross-check: bisection on the curve as printed, a₁²(t) = σ₁e^{2σ₁t}/(e^{2σ₁t} + σ₁/(c²dε²) − 1).
        double Printed(double t)
        {
            double e = Math.Exp(2 * q.Sigma1 * t);
            return q.Sigma1 * e / (e + q.Sigma1 / (q.c * q.c * q.d * q.ε * q.ε) - 1);
        }
        double lo = 0, hi = 10;
        for (int i = 0; i < 200 && hi - lo > 0; i++)
        {
            double mid = 0.5 * (lo + hi);
            if (mid == lo || mid == hi) break;
            if (Printed(mid) < q.α * q.SigmaD) lo = mid; else hi = mid;
        }
        double root = 0.5 * (lo + hi);
        ctx.Report("t₁ by bisection on the printed curve", root);
        ctx.AddNote("c = 1, ε = 0.01 and α = ½ are FlowSim's own choices (THEORY §4 Y7); the paper's c is an unknown constant.");
        double reference = q.α * q.SigmaD * ctx.Perturb(1.0, 1 + 1e-12); // wrong input: a reference off by 1e−12 relative
        return ClaimOutcome.Combine(
            ClaimOutcome.RelativeAgreement(value, reference, 1e-14, "a₁²(t₁) vs ασ_d"),
            ClaimOutcome.RelativeAgreement(t1, root, 1e-12, "t₁ by (9) vs bisection"));
    }
}
