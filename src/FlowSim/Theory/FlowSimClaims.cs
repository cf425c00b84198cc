using FlowSim.ClosedForm;
using FlowSim.Dynamics.Scalar;

namespace FlowSim.Theory;

/// <summary>
/// FlowSim's own checks, beyond the three papers (THEORY.md §4, "FlowSim's own"). This part holds F2; F1 lives in
/// FlowSimClaims.Order.cs.
/// </summary>
public static partial class FlowSimClaims
{
    /// <summary>
    /// F2: on the convex part of the scalar flow (x &lt; x_*), gradient descent lags the flow, x_k ≤ x(kη)
    /// (the content of Chou et al. Lemma 2.7), checked as a hard inequality against the closed/implicit solution.
    /// </summary>
    public sealed class F2 : Claim
    {
        private readonly int _stepShift;

        /// <summary>The check as THEORY.md §4 states it.</summary>
        public F2() : this(0) { }

        /// <summary>Compares x_k with x((k + <paramref name="stepShift"/>)η) instead (tests: −1 must fail).</summary>
        internal F2(int stepShift) => _stepShift = stepShift;

        /// <inheritdoc/>
        public override string Id => "F2";
        /// <inheritdoc/>
        public override string Paper => Papers.FlowSim.Label;
        /// <inheritdoc/>
        public override string Source => "seeds/002_3803d596d04caf0a.txt Lemma 2.7 (descent vs flow on the convex part); FlowSim's own parameters";
        /// <inheritdoc/>
        public override ClaimKind Kind => ClaimKind.ExactIdentity;
        /// <inheritdoc/>
        public override string Title => "Descent lags the flow on the convex part: x_k ≤ x(kη) for x < x_*";

        /// <inheritdoc/>
        public override ClaimOutcome Run(ClaimContext context)
        {
            (int N, double Lambda, double Alpha, double Eta)[] cases = [(2, 1, 0.1, 0.1), (3, 1, 0.1, 0.01), (4, 2, 0.3, 0.05)];
            context.SetParameter("cases (N, λ, α, η)", cases.Select(c => $"({c.N}, {c.Lambda}, {c.Alpha}, {c.Eta})").ToArray());
            context.AddNote("The three (N, λ, α, η) are FlowSim's own choice, each with η below the no-overshoot threshold 1/(Nλ^(2−2/N)). " +
                            "The inequality is checked for every k with kη ≤ t_* (so x(kη) ≤ x_*), against the explicit (N = 2) or implicit (N ≥ 3) flow; " +
                            "the allowance for rounding is 1e−15·x_*.");
            var parts = new List<ClaimOutcome>();
            foreach (var (n, lambda, alpha, eta) in cases)
            {
                string label = $"N={n}, λ={lambda}, α={alpha}, η={eta}";
                double threshold = StepSizeRegimes.MonotoneThreshold(n, lambda);
                // A precondition of the lemma's setting, not part of the verdict: the cases are chosen to satisfy it.
                if (eta > threshold) throw new InvalidOperationException($"{label}: η is above the no-overshoot threshold {threshold}.");
                context.Report($"η / no-overshoot threshold ({label})", eta / threshold);
                double xStar = FlowTimes.Inflection(n, lambda);
                double tStar = FlowTimes.TimeToInflection(n, lambda, alpha)
                               ?? throw new InvalidOperationException($"{label}: α is not below the inflection point.");
                int last = (int)Math.Floor(tStar / eta);
                var x = DeepScalarDescent.Run(n, lambda, alpha, eta, last);
                double worst = double.NegativeInfinity, minGap = double.PositiveInfinity;
                int worstK = 0;
                for (int k = 1; k <= last; k++)
                {
                    double flow = DeepScalarFlow.X(n, lambda, alpha, Math.Max(0, k + _stepShift) * eta);
                    double excess = x[k] - flow;
                    if (excess > worst) { worst = excess; worstK = k; }
                    minGap = Math.Min(minGap, -excess / flow);
                }
                context.Report($"t_* ({label})", tStar);
                context.Report($"steps checked ({label})", last);
                context.Report($"min relative lag (x(kη) − x_k)/x(kη) ({label})", minGap);
                parts.Add(ClaimOutcome.UpperBound(worst, 1e-15 * xStar, $"{label}: max over 1 ≤ k ≤ {last} of x_k − x(kη) (worst k = {worstK})"));
            }
            return ClaimOutcome.Combine(parts);
        }
    }
}
