using FlowSim.ClosedForm;
using FlowSim.Dynamics.Scalar;
using FlowSim.Ode;
using FlowSim.Theory.Figures;

namespace FlowSim.Theory;

/// <summary>
/// The executable checks of Chou, Gieshoff, Maly, Rauhut (P3, THEORY.md §3–§4). This part holds the scalar claims
/// C1–C15: closed and implicit solutions of the eigenvalue flow (28), the scalar descent (18), step-size regimes and
/// the perturbed identical initialization (40)–(41). The matrix claims C16–C19 live in ChouClaims.Matrix.cs.
/// </summary>
public static partial class ChouClaims
{
    /// <summary>C1: the N = 2 logistic solution x(t)² = e^{2t}/(e^{2t} + 99) (λ = 1, α = 0.1) against an integrator.</summary>
    public sealed class C1 : Claim
    {
        private readonly double _closedFormShift;

        /// <summary>The check as THEORY.md §4 states it.</summary>
        public C1() : this(0) { }

        /// <summary>Adds <paramref name="closedFormShift"/> to the closed form (tests show the check can fail).</summary>
        internal C1(double closedFormShift) => _closedFormShift = closedFormShift;

        /// <inheritdoc/>
        public override string Id => "C1";
        /// <inheritdoc/>
        public override string Paper => Papers.Chou.Label;
        /// <inheritdoc/>
        public override string Source => ScalarReference.SeedFile + " Remark 2.6 (N = 2 explicit solution), eq. (28)";
        /// <inheritdoc/>
        public override ClaimKind Kind => ClaimKind.ClosedForm;
        /// <inheritdoc/>
        public override string Title => "N = 2 logistic solution against an integrator";

        /// <inheritdoc/>
        public override ClaimOutcome Run(ClaimContext context)
        {
            const double lambda = 1, alpha = 0.1, printedX1Squared = 0.0694531596563805, printedHalfTime = 2.2975599250672;
            context.SetParameter("N", 2);
            context.SetParameter("λ", lambda);
            context.SetParameter("α", alpha);
            context.SetParameter("integrator", "dp5, rtol 1e-10, atol 1e-14");
            double closedX1 = DeepScalarFlow.DepthTwoSquared(lambda, alpha, 1) + _closedFormShift;
            double closedHalf = DeepScalarFlow.DepthTwoTime(lambda, alpha, 0.5) + _closedFormShift;
            double printedFormula = Math.Exp(2) / (Math.Exp(2) + 99);

            var rhs = new DeepScalarFlowRhs(2, lambda);
            double xInt = ScalarReference.SolveAt(context, rhs, [alpha], [1.0], "dp5", 1e-10, 1e-14, 0)[0];
            double tHalf = ScalarReference.EventTime(context, rhs, [alpha], 5, (_, y) => y[0] * y[0] - 0.5,
                EventDirection.Rising, "dp5", 1e-10, 1e-14);
            context.Report("x(1)² closed form", closedX1);
            context.Report("x(1)² integrated", xInt * xInt);
            context.Report("t(x² = 0.5) integrated", tHalf);
            return ClaimOutcome.Combine(
                ClaimOutcome.Agreement(closedX1, printedX1Squared, 2e-16, "closed-form x(1)² vs printed 0.0694531596563805"),
                ClaimOutcome.Agreement(closedX1, printedFormula, 2e-16, "closed-form x(1)² vs e²/(e² + 99)"),
                ClaimOutcome.Agreement(closedHalf, printedHalfTime, 1.5e-13, "closed-form t(x² = 0.5) vs printed 2.2975599250672 (13 decimals, truncated)"),
                ClaimOutcome.Agreement(closedHalf, Math.Log(99) / 2, 1e-15, "closed-form t(x² = 0.5) vs ln(99)/2"),
                ClaimOutcome.Agreement(xInt * xInt, closedX1, 1e-8, "integrated x(1)² vs closed form"),
                ClaimOutcome.Agreement(tHalf, closedHalf, 1e-8, "integrated event time of x² = 0.5 vs closed form"));
        }
    }

    /// <summary>C2: the N = 2 closed form on a grid of λ, α, t against dop853 at rtol 1e−12.</summary>
    public sealed class C2 : Claim
    {
        /// <inheritdoc/>
        public override string Id => "C2";
        /// <inheritdoc/>
        public override string Paper => Papers.Chou.Label;
        /// <inheritdoc/>
        public override string Source => ScalarReference.SeedFile + " Remark 2.6 (N = 2 explicit solution), eq. (28)";
        /// <inheritdoc/>
        public override ClaimKind Kind => ClaimKind.ClosedForm;
        /// <inheritdoc/>
        public override string Title => "N = 2 closed form on a (λ, α, t) grid";

        /// <inheritdoc/>
        public override ClaimOutcome Run(ClaimContext context)
        {
            double[] lambdas = [1, -1, 3], alphas = [0.1, 0.7, 2.0], times = [0.3, 1, 4];
            context.SetParameter("N", 2);
            context.SetParameter("λ", lambdas);
            context.SetParameter("α", alphas);
            context.SetParameter("t", times);
            context.SetParameter("integrator", $"{ScalarReference.Method}, rtol {ScalarReference.RelTol:G}, atol {ScalarReference.AbsTol:G}");
            double worst = 0;
            string worstLabel = "";
            foreach (double lambda in lambdas)
                foreach (double alpha in alphas)
                {
                    var x = ScalarReference.FlowAt(context, 2, lambda, alpha, times);
                    for (int i = 0; i < times.Length; i++)
                    {
                        double err = Math.Abs(x[i] * x[i] - DeepScalarFlow.DepthTwoSquared(lambda, alpha, times[i]));
                        if (err > worst || worstLabel == "") { worst = err; worstLabel = $"λ={lambda}, α={alpha}, t={times[i]}"; }
                    }
                }
            context.Report("max |x_int² − closed form|", worst);
            return ClaimOutcome.UpperBound(worst, 4e-12, $"max over 27 points |x_int² − closed form| (worst at {worstLabel})");
        }
    }

    /// <summary>C3: the implicit solution F_{N,λ} for N ≥ 3, inverted in x-space with the fixed-point guard, against dop853.</summary>
    public sealed class C3 : Claim
    {
        /// <inheritdoc/>
        public override string Id => "C3";
        /// <inheritdoc/>
        public override string Paper => Papers.Chou.Label;
        /// <inheritdoc/>
        public override string Source => ScalarReference.SeedFile + " Lemma 2.5, eqs. (29)–(31)";
        /// <inheritdoc/>
        public override ClaimKind Kind => ClaimKind.ClosedForm;
        /// <inheritdoc/>
        public override string Title => "Implicit solution for N ≥ 3, compared in x-space";

        /// <inheritdoc/>
        public override ClaimOutcome Run(ClaimContext context)
        {
            int[] depths = [3, 4, 5, 6];
            double[] lambdas = [1, 2.5, -1], alphas = [0.1, 0.5, 1.5], times = [0.5, 2, 10];
            context.SetParameter("N", depths.Select(n => (double)n).ToArray());
            context.SetParameter("λ", lambdas);
            context.SetParameter("α", alphas);
            context.SetParameter("t", times);
            // vern9: steep starts such as N = 6, α = 1.5 (f'(α) ≈ −600) cost dop853 a global error of ~1e−11 at rtol 1e−12.
            context.SetParameter("integrator", $"vern9, rtol {ScalarReference.RelTol:G}, atol {ScalarReference.AbsTol:G}");
            double worstX = 0, worstIm = 0;
            string worstXLabel = "", worstImLabel = "";
            int atFixedPoint = 0, points = 0;
            var printed = new List<ClaimOutcome>();
            foreach (int n in depths)
                foreach (double lambda in lambdas)
                    foreach (double alpha in alphas)
                    {
                        var x = ScalarReference.FlowAt(context, n, lambda, alpha, times, "vern9");
                        for (int i = 0; i < times.Length; i++)
                        {
                            points++;
                            string label = $"N={n}, λ={lambda}, α={alpha}, t={times[i]}";
                            var cmp = ImplicitSolution.CompareInXSpace(n, lambda, alpha, times[i], x[i]);
                            if (cmp.Difference > worstX || worstXLabel == "") { worstX = cmp.Difference; worstXLabel = label; }
                            if (cmp.AtFixedPoint) atFixedPoint++;
                            else
                            {
                                double im = Math.Abs(ImplicitSolution.ImaginaryResidual(n, lambda, alpha, cmp.XClosedForm));
                                if (im > worstIm || worstImLabel == "") { worstIm = im; worstImLabel = label; }
                            }
                            if (IsReported(n, lambda, alpha, times[i]))
                            {
                                context.Report($"x implicit ({label})", cmp.XClosedForm);
                                context.Report($"x integrated ({label})", x[i]);
                            }
                        }
                        if (n == 3 && lambda == 1 && alpha == 0.1)
                        {
                            double[] expected = [0.10525717, 0.12495609, 0.96884852];
                            for (int i = 0; i < times.Length; i++)
                            {
                                double xi = DeepScalarFlow.X(3, 1, 0.1, times[i]);
                                context.Report($"x implicit (N=3, λ=1, α=0.1, t={times[i]})", xi);
                                printed.Add(ClaimOutcome.Agreement(xi, expected[i], 5e-9, $"implicit x({times[i]}) vs printed {expected[i]} (N=3, λ=1, α=0.1)"));
                            }
                        }
                    }
            context.Report("max |x_implicit − x_int|", worstX);
            context.Report("max |Im[F(x) − F(α)]| away from the fixed point", worstIm);
            context.Report("points compared with the fixed point", atFixedPoint);
            context.AddNote($"{atFixedPoint} of {points} points are at the fixed point in double precision; there x_int is compared with λ^(1/N) itself (THEORY §3.3 rule 2).");
            return ClaimOutcome.Combine([
                ClaimOutcome.UpperBound(worstX, 1e-11, $"max over {points} points |x_implicit − x_int| (worst at {worstXLabel})"),
                ClaimOutcome.UpperBound(worstIm, 1e-12, $"max |Im[F(x) − F(α)]| away from the fixed point (worst at {worstImLabel})"),
                .. printed]);
        }

        private static bool IsReported(int n, double lambda, double alpha, double t) =>
            (n == 3 && lambda == -1 && alpha == 0.5) || (n == 4 && lambda == 2.5 && alpha == 0.1 && t == 10)
            || (n == 5 && lambda == 1 && alpha == 0.5 && t == 2) || (n == 6 && lambda == -1 && alpha == 1.5 && t == 10);
    }

    /// <summary>C4: the real form of F_{N,λ} equals the real part of the complex-log form, and is an antiderivative of 1/f.</summary>
    public sealed class C4 : Claim
    {
        /// <inheritdoc/>
        public override string Id => "C4";
        /// <inheritdoc/>
        public override string Paper => Papers.Chou.Label;
        /// <inheritdoc/>
        public override string Source => ScalarReference.SeedFile + " Lemma 2.5, eq. (31) (partial fractions); real form derived";
        /// <inheritdoc/>
        public override ClaimKind Kind => ClaimKind.ExactIdentity;
        /// <inheritdoc/>
        public override string Title => "Real form of F_{N,λ} equals the complex-log form";

        /// <inheritdoc/>
        public override ClaimOutcome Run(ClaimContext context)
        {
            int[] depths = [3, 4, 5, 7];
            double[] lambdas = [1, 2.5, -1, -0.3], xs = [0.05, 0.3, 0.9, 1.2, 2.0];
            context.SetParameter("N", depths.Select(n => (double)n).ToArray());
            context.SetParameter("λ", lambdas);
            context.SetParameter("x", xs);
            double worst = 0, worstDerivative = 0;
            string worstLabel = "", worstDerivativeLabel = "";
            int count = 0;
            foreach (int n in depths)
                foreach (double lambda in lambdas)
                    foreach (double x in xs)
                    {
                        if (lambda > 0 && x == Math.Pow(lambda, 1.0 / n)) continue;
                        count++;
                        string label = $"N={n}, λ={lambda}, x={x}";
                        double diff = Math.Abs(ImplicitSolution.RealForm(n, lambda, x) - ImplicitSolution.ComplexForm(n, lambda, x).Real);
                        if (diff > worst || worstLabel == "") { worst = diff; worstLabel = label; }
                        // dF/dx must be 1/(x^{N−1}(λ − x^N)): a central difference of the real form, with h well inside the
                        // distance to the real root so that the truncation error (h/distance)² stays ≈ 1e−8.
                        double distance = lambda > 0 ? Math.Abs(x - Math.Pow(lambda, 1.0 / n)) : x;
                        double h = 1e-4 * Math.Min(x, distance);
                        double slope = (ImplicitSolution.RealForm(n, lambda, x + h) - ImplicitSolution.RealForm(n, lambda, x - h)) / (2 * h);
                        double exact = 1 / (Math.Pow(x, n - 1) * (lambda - Math.Pow(x, n)));
                        double rel = Math.Abs(slope - exact) / Math.Abs(exact);
                        if (rel > worstDerivative || worstDerivativeLabel == "") { worstDerivative = rel; worstDerivativeLabel = label; }
                    }
            context.Report("max |real − Re complex|", worst);
            context.Report("max relative |F'(x) − 1/f(x)| (central difference)", worstDerivative);
            return ClaimOutcome.Combine(
                ClaimOutcome.UpperBound(worst, 1e-11, $"max over {count} points |F_real − Re F_complex| (worst at {worstLabel})"),
                ClaimOutcome.UpperBound(worstDerivative, 1e-6, $"relative |dF/dx − 1/(x^(N−1)(λ − x^N))|, central difference h = 1e-4·min(x, |x − λ^(1/N)|) (worst at {worstDerivativeLabel})"));
        }
    }

    /// <summary>C5: λ = 0, N = 3, α = 0.5: x(1) = 20^{−1/4}.</summary>
    public sealed class C5 : Claim
    {
        /// <inheritdoc/>
        public override string Id => "C5";
        /// <inheritdoc/>
        public override string Paper => Papers.Chou.Label;
        /// <inheritdoc/>
        public override string Source => ScalarReference.SeedFile + " Lemma 2.5 (case λ = 0), eq. (28)";
        /// <inheritdoc/>
        public override ClaimKind Kind => ClaimKind.ClosedForm;
        /// <inheritdoc/>
        public override string Title => "λ = 0 closed form x(t) = (α^(−(2N−2)) + (2N−2)t)^(−1/(2N−2))";

        /// <inheritdoc/>
        public override ClaimOutcome Run(ClaimContext context)
        {
            const int n = 3;
            const double alpha = 0.5;
            context.SetParameter("N", n);
            context.SetParameter("λ", 0.0);
            context.SetParameter("α", alpha);
            double closed = DeepScalarFlow.ZeroTarget(n, alpha, 1);
            double xInt = ScalarReference.FlowAt(context, n, 0, alpha, [1.0])[0];
            context.Report("x(1) closed form", closed);
            context.Report("x(1) integrated", xInt);
            return ClaimOutcome.Combine(
                ClaimOutcome.Agreement(closed, 0.4728708045, 5e-11, "closed-form x(1) vs printed 0.4728708045"),
                ClaimOutcome.Agreement(closed, Math.Pow(20, -0.25), 2e-16, "closed-form x(1) vs 20^(−1/4)"),
                ClaimOutcome.Agreement(xInt, closed, 1e-11, "dop853 x(1) vs closed form"));
        }
    }

    /// <summary>C6: the product ODE (62) and the factor ODE (28) give the same π = x^N.</summary>
    public sealed class C6 : Claim
    {
        /// <inheritdoc/>
        public override string Id => "C6";
        /// <inheritdoc/>
        public override string Paper => Papers.Chou.Label;
        /// <inheritdoc/>
        public override string Source => ScalarReference.SeedFile + " eq. (62) (product ODE) and eq. (28)";
        /// <inheritdoc/>
        public override ClaimKind Kind => ClaimKind.ExactIdentity;
        /// <inheritdoc/>
        public override string Title => "Product ODE (62) agrees with x^N from (28)";

        /// <inheritdoc/>
        public override ClaimOutcome Run(ClaimContext context)
        {
            const int n = 3;
            const double lambda = 2, alpha = 0.1, printed = 1.81796472;
            context.SetParameter("N", n);
            context.SetParameter("λ", lambda);
            context.SetParameter("α", alpha);
            context.SetParameter("integrators", "(62) with vern9, (28) with dop853, rtol 1e-12");
            double[] times = [5, 15];
            var pi = ScalarReference.SolveAt(context, new ProductFlowRhs(n, lambda), [Math.Pow(alpha, n)], times, "vern9", 1e-12, 1e-15, 0);
            var x = ScalarReference.FlowAt(context, n, lambda, alpha, times);
            double pix5 = Math.Pow(x[0], n), pix15 = Math.Pow(x[1], n);
            double implicit5 = DeepScalarFlow.Product(n, lambda, alpha, 5);
            context.Report("π(5) from (62)", pi[0]);
            context.Report("x(5)³ from (28)", pix5);
            context.Report("π(5) implicit solution", implicit5);
            context.Report("π(15) from (62)", pi[1]);
            return ClaimOutcome.Combine(
                ClaimOutcome.Agreement(pi[0], printed, 5e-9, "π(5) from (62) vs printed 1.81796472"),
                ClaimOutcome.Agreement(pix5, printed, 5e-9, "x(5)³ from (28) vs printed 1.81796472"),
                ClaimOutcome.Agreement(pi[0], pix5, 1e-10, "π(5) from (62) vs x(5)³ from (28)"),
                ClaimOutcome.Agreement(implicit5, pix5, 1e-10, "implicit-solution π(5) vs x(5)³ integrated"),
                ClaimOutcome.Agreement(pi[1], lambda, 1e-8, "π(15) from (62) vs λ = 2"),
                ClaimOutcome.Agreement(pix15, lambda, 1e-8, "x(15)³ from (28) vs λ = 2"));
        }
    }

    /// <summary>C7: N = 1 descent x_k − λ = (1 − η)^k(α − λ); divergence for η &gt; 2 (Lemma B.1.1).</summary>
    public sealed class C7 : Claim
    {
        /// <inheritdoc/>
        public override string Id => "C7";
        /// <inheritdoc/>
        public override string Paper => Papers.Chou.Label;
        /// <inheritdoc/>
        public override string Source => ScalarReference.SeedFile + " eq. (18) with N = 1, Lemma B.1 (1)";
        /// <inheritdoc/>
        public override ClaimKind Kind => ClaimKind.ClosedForm;
        /// <inheritdoc/>
        public override string Title => "N = 1 descent is geometric; diverges for η > 2";

        /// <inheritdoc/>
        public override ClaimOutcome Run(ClaimContext context)
        {
            const double lambda = 2, alpha = 0.5, eta = 0.3, etaLarge = 2.1;
            context.SetParameter("N", 1);
            context.SetParameter("λ", lambda);
            context.SetParameter("α", alpha);
            context.SetParameter("η", new[] { eta, etaLarge });
            var x = DeepScalarDescent.Run(1, lambda, alpha, eta, 10);
            double worst = 0;
            for (int k = 0; k <= 10; k++)
                worst = Math.Max(worst, Math.Abs((x[k] - lambda) - Math.Pow(1 - eta, k) * (alpha - lambda)));
            double x50 = DeepScalarDescent.Final(1, lambda, alpha, etaLarge, 50);
            double exact50 = Math.Pow(etaLarge - 1, 50) * Math.Abs(alpha - lambda);
            context.Report("max_k≤10 |(x_k − λ) − 0.7^k(α − λ)|", worst);
            context.Report("|x_50 − 2| at η = 2.1", Math.Abs(x50 - lambda));
            return ClaimOutcome.Combine(
                ClaimOutcome.UpperBound(worst, 3e-16, "η = 0.3: max_k≤10 |(x_k − λ) − (1 − η)^k(α − λ)|"),
                ClaimOutcome.Agreement(Math.Abs(x50 - lambda), 176.086, 5e-4, "η = 2.1: |x_50 − 2| vs printed 176.086"),
                ClaimOutcome.RelativeAgreement(Math.Abs(x50 - lambda), exact50, 1e-12, "η = 2.1: |x_50 − 2| vs 1.1^50·|α − λ|"));
        }
    }

    /// <summary>
    /// C8: inflection point x_*, flow times t_* and t_ε (derived analogs of the paper's T^♯ and T_N), the small-α
    /// asymptotics of t_ε and its constants C_N, each cross-checked by an integration with an event.
    /// </summary>
    public sealed class C8 : Claim
    {
        private readonly double _referenceShift;

        /// <summary>The check as THEORY.md §4 states it.</summary>
        public C8() : this(0) { }

        /// <summary>Adds <paramref name="referenceShift"/> to the printed t_* (tests show the check can fail).</summary>
        internal C8(double referenceShift) => _referenceShift = referenceShift;

        /// <inheritdoc/>
        public override string Id => "C8";
        /// <inheritdoc/>
        public override string Paper => Papers.Chou.Label;
        /// <inheritdoc/>
        public override string Source => ScalarReference.SeedFile + " Lemma 2.5, Remark 1.2, Lemma E.1, eqs. (22)–(24); Fig. 2";
        /// <inheritdoc/>
        public override ClaimKind Kind => ClaimKind.DerivedAnalog;
        /// <inheritdoc/>
        public override string Title => "Derived analog: inflection point, flow times t_* and t_ε, asymptotic constants C_N";

        /// <inheritdoc/>
        public override ClaimOutcome Run(ClaimContext context)
        {
            context.SetParameter("headline case", "N = 3, λ = 1, α = 0.1, ε = 1e-3");
            context.SetParameter("event integrator", $"{ScalarReference.Method}, rtol {ScalarReference.RelTol:G}, atol {ScalarReference.AbsTol:G}");
            context.AddNote("t_* and t_ε are FlowSim's derived analogs of the paper's T^♯ and T_N, whose definitions (22)–(24) and constants were not recovered.");
            var parts = new List<ClaimOutcome>();

            double xStar = FlowTimes.Inflection(3, 1);
            double tStar = FlowTimes.TimeToInflection(3, 1, 0.1) ?? double.NaN;
            double tEps = FlowTimes.TimeToEpsilon(3, 1, 0.1, 1e-3) ?? double.NaN;
            double tAsym = AsymptoticConstants.TimeToEpsilon(3, 1, 0.1, 1e-3);
            context.Report("x_* (N=3, λ=1)", xStar);
            context.Report("t_* (N=3, λ=1, α=0.1)", tStar);
            context.Report("t_ε (N=3, λ=1, α=0.1, ε=1e-3)", tEps);
            context.Report("t_ε asymptotic (N=3, λ=1, α=0.1, ε=1e-3)", tAsym);
            parts.Add(ClaimOutcome.Agreement(xStar, 0.736806, 5e-7, "x_* = 0.4^(1/3) vs printed 0.736806"));
            parts.Add(ClaimOutcome.Agreement(xStar, Math.Cbrt(0.4), 2e-16, "x_* vs 0.4^(1/3)"));
            parts.Add(ClaimOutcome.Agreement(tStar, 8.968169 + _referenceShift, 5e-7, "t_* vs printed 8.968169"));
            parts.Add(ClaimOutcome.Agreement(tEps, 11.544145, 5e-7, "t_ε(1e−3) vs printed 11.544145"));
            // THEORY prints 11.5495 for 11.54959…: four decimals, truncated, so one unit of the last digit is allowed.
            parts.Add(ClaimOutcome.Agreement(tAsym, 11.5495, 1e-4, "asymptotic t_ε(1e−3) vs printed 11.5495 (4 decimals, truncated)"));

            // Every flow time is cross-checked by integrating (28) to the event x = x_* or x^N = λ − ε.
            (int N, double Lambda, double Alpha, double? Eps)[] cases =
            [
                (3, 1, 0.1, null), (3, 1, 0.1, 1e-3), (2, 1, 0.1, null), (2, 1, 0.1, 1e-3),
                (4, 1, 0.1, null), (4, 1, 0.1, 1e-3), (3, 2, 0.05, 1e-6), (5, 1, 0.3, 1e-3),
            ];
            foreach (var (n, lambda, alpha, eps) in cases)
            {
                string label = eps is { } e ? $"t_ε (N={n}, λ={lambda}, α={alpha}, ε={e:G})" : $"t_* (N={n}, λ={lambda}, α={alpha})";
                double closed = eps is { } e2 ? FlowTimes.TimeToEpsilon(n, lambda, alpha, e2) ?? double.NaN
                                              : FlowTimes.TimeToInflection(n, lambda, alpha) ?? double.NaN;
                double level = eps is { } e3 ? Math.Pow(lambda - e3, 1.0 / n) : FlowTimes.Inflection(n, lambda);
                double integrated = ScalarReference.EventTime(context, new DeepScalarFlowRhs(n, lambda), [alpha], 4 * closed + 10,
                    (_, y) => y[0] - level, EventDirection.Rising);
                context.Report(label, closed);
                context.Report(label + " integrated", integrated);
                // Near the fixed point t(x) is steep (THEORY §3.3 rule 1): an x-error δ of the integrator moves the event by
                // δ/f(x). The tolerance is 1e−9·t plus the time image of an x-error of 1e−11·x at the event level.
                double slope = Math.Pow(level, n - 1) * (lambda - Math.Pow(level, n));
                double tolerance = 1e-9 * closed + 1e-11 * level / slope;
                parts.Add(ClaimOutcome.Agreement(integrated, closed, tolerance, label + ": event of the integrated flow vs implicit solution"));
            }

            // C_N independently: C_N = −1/(N−2) + ∫_0^1 [s/(1 − s^N) − 1/(N(1 − s))] ds, a smooth rational integrand
            // (the singular parts of 1/(x^{N−1}(1 − x^N)) removed analytically), by composite Gauss–Legendre quadrature.
            double[] printedC = [-1.119198, -0.500000, -0.258387, -0.122824];
            for (int n = 3; n <= 6; n++)
            {
                double c = AsymptoticConstants.C(n);
                double quadrature = -1.0 / (n - 2) + RegularisedIntegral(n);
                context.Report($"C_{n}", c);
                parts.Add(ClaimOutcome.Agreement(c, printedC[n - 3], 5e-7, $"C_{n} vs printed {printedC[n - 3]:F6}"));
                parts.Add(ClaimOutcome.Agreement(c, quadrature, 1e-13, $"C_{n} (complex-log formula) vs quadrature of the regularised integral"));
            }

            context.AddFigure(ChouScalarFigures.DepthArrival(context, out var arrival));
            foreach (var (n, half) in arrival) context.Report($"time to π = λ/2 (N={n}, λ=1, α=0.1)", half);
            return ClaimOutcome.Combine(parts);
        }

        // ∫_0^1 P(s)/(N·Q(s)) ds with Q = Σ_{k<N} s^k and P = −1 + Σ_{k=2}^{N−1} Σ_{m=0}^{k−2} s^{m+1}: the exact quotient
        // of s/(1 − s^N) − 1/(N(1 − s)) after dividing out (1 − s), free of cancellation near s = 1.
        private static double RegularisedIntegral(int n)
        {
            const int panels = 64;
            double sum = 0;
            for (int p = 0; p < panels; p++)
            {
                double a = (double)p / panels, b = (double)(p + 1) / panels, mid = 0.5 * (a + b), half = 0.5 * (b - a);
                for (int i = 0; i < GaussNodes.Length; i++)
                    sum += half * GaussWeights[i] * Integrand(n, mid + half * GaussNodes[i]);
            }
            return sum;
        }

        private static double Integrand(int n, double s)
        {
            double q = 0, p = -1, power = 1;
            for (int k = 0; k < n; k++) { q += power; power *= s; }
            for (int k = 2; k <= n - 1; k++)
            {
                double sm = s;
                for (int m = 0; m <= k - 2; m++) { p += sm; sm *= s; }
            }
            return p / (n * q);
        }

        // 5-point Gauss–Legendre rule on [−1, 1] (exact for degree 9).
        private static readonly double[] GaussNodes =
            [-0.9061798459386640, -0.5384693101056831, 0.0, 0.5384693101056831, 0.9061798459386640];
        private static readonly double[] GaussWeights =
            [0.2369268850561891, 0.4786286704993665, 0.5688888888888889, 0.4786286704993665, 0.2369268850561891];
    }

    /// <summary>Shared pieces of the scalar claims: the seed file and independent integrations with the engine.</summary>
    internal static class ScalarReference
    {
        /// <summary>The seed file of P3 in /work/shared/seeds, named in every P3 claim's source.</summary>
        public const string SeedFile = "seeds/002_3803d596d04caf0a.txt";
        /// <summary>Default method of the reference integrations (8th-order Dormand–Prince).</summary>
        public const string Method = "dop853";
        /// <summary>Default relative tolerance of the reference integrations.</summary>
        public const double RelTol = 1e-12;
        /// <summary>Default absolute tolerance of the reference integrations.</summary>
        public const double AbsTol = 1e-15;

        /// <summary>Integrates x' = x^{N−1}(λ − x^N), x(0) = α; returns x at <paramref name="times"/> (ascending, &gt; 0).</summary>
        public static double[] FlowAt(ClaimContext context, int depth, double lambda, double alpha, IReadOnlyList<double> times,
            string method = Method, double relTol = RelTol, double absTol = AbsTol) =>
            SolveAt(context, new DeepScalarFlowRhs(depth, lambda), [alpha], times, method, relTol, absTol, 0);

        /// <summary>Integrates <paramref name="rhs"/> from <paramref name="y0"/>; returns component <paramref name="component"/> at the output times.</summary>
        public static double[] SolveAt(ClaimContext context, IOdeRhs rhs, double[] y0, IReadOnlyList<double> times,
            string method, double relTol, double absTol, int component)
        {
            var problem = new OdeProblem(rhs, 0, times[^1], y0);
            var solution = OdeSolve.Solve(problem, method, new OdeOptions
            {
                RelTol = relTol, AbsTol = absTol, OutputTimes = times, MaxSteps = 10_000_000,
            }, context.CancellationToken).EnsureSuccess();
            context.AddRhsEvaluations(solution.Statistics.RhsEvaluations);
            var result = new double[times.Count];
            for (int i = 0; i < times.Count; i++)
            {
                int j = -1;
                for (int m = 0; m < solution.Times.Count && j < 0; m++)
                    if (solution.Times[m] == times[i]) j = m;
                if (j < 0) throw new InvalidOperationException($"the solver did not record output time {times[i]}.");
                result[i] = solution.Values[j][component];
            }
            return result;
        }

        /// <summary>
        /// Integrates until <paramref name="g"/> first crosses zero in <paramref name="direction"/> (a terminal event located on
        /// the dense output); the event time, or NaN when it does not happen before <paramref name="tMax"/>.
        /// </summary>
        public static double EventTime(ClaimContext context, IOdeRhs rhs, double[] y0, double tMax, EventFunction g,
            EventDirection direction, string method = Method, double relTol = RelTol, double absTol = AbsTol)
        {
            var problem = new OdeProblem(rhs, 0, tMax, y0);
            var solution = OdeSolve.Solve(problem, method, new OdeOptions
            {
                RelTol = relTol, AbsTol = absTol, SaveEveryStep = false, MaxSteps = 10_000_000,
                Events = [new OdeEvent(g, direction, Terminal: true, Name: "target")],
            }, context.CancellationToken).EnsureSuccess();
            context.AddRhsEvaluations(solution.Statistics.RhsEvaluations);
            return solution.Events.Count > 0 ? solution.Events[0].T : double.NaN;
        }

        /// <summary>Logarithmically spaced values from <paramref name="from"/> to <paramref name="to"/>, both ends exact.</summary>
        public static double[] LogSpace(double from, double to, int count)
        {
            var v = new double[count];
            double a = Math.Log(from), b = Math.Log(to);
            for (int i = 0; i < count; i++) v[i] = Math.Exp(a + (b - a) * i / (count - 1));
            v[0] = from;
            v[^1] = to;
            return v;
        }

        /// <summary>x^n by repeated multiplication (exact sign for negative x).</summary>
        public static double Pow(double x, int n)
        {
            double r = 1;
            for (int i = 0; i < n; i++) r *= x;
            return r;
        }
    }
}
