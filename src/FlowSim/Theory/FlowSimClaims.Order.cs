using FlowSim.Analysis;
using FlowSim.Dynamics;
using FlowSim.Models;
using FlowSim.Ode;
using FlowSim.Theory.Figures;

namespace FlowSim.Theory;

/// <summary>FlowSim's own checks beyond the papers (THEORY.md §4, F-ids); the report labels them so.</summary>
public static partial class FlowSimClaims
{
    /// <summary>
    /// F1: gradient descent is Euler's method for the gradient flow (distance at a fixed time T of order η) and a
    /// second-order method for the modified flow θ' = −∇L − (η/4)∇‖∇L‖² (order η²), on a deep factorisation.
    /// </summary>
    public sealed class F1ObservedOrder : Claim
    {
        internal const int Depth = 3, Dim = 4;
        internal const double Alpha = 0.5, Time = 2.0, InitialStepSize = 0.02;
        internal static readonly double[] Spectrum = [3.0, 2.0, 1.0, 0.5];
        internal static readonly double[] Householder = [1.0, -2.0, 0.5, 1.5];

        private readonly double _modifiedCorrectionScale;

        /// <summary>The check as THEORY.md §4 states it.</summary>
        public F1ObservedOrder() : this(1.0) { }

        /// <summary>
        /// Injects a fault for tests: the modified flow's correction is scaled by <paramref name="modifiedCorrectionScale"/>
        /// (1 is the correct −(η/2)H∇L), which must drop its observed order to 1.
        /// </summary>
        internal F1ObservedOrder(double modifiedCorrectionScale) => _modifiedCorrectionScale = modifiedCorrectionScale;

        /// <inheritdoc/>
        public override string Id => "F1";
        /// <inheritdoc/>
        public override string Paper => Papers.FlowSim.Label;
        /// <inheritdoc/>
        public override string Source => "FlowSim's own (THEORY.md §4 F1): GD as Euler's method for the flow; modified flow by backward error analysis";
        /// <inheritdoc/>
        public override ClaimKind Kind => ClaimKind.Structural;
        /// <inheritdoc/>
        public override string Title => "Observed order of descent against the flow (slope 1) and the modified flow (slope 2)";

        /// <summary>Â = Q diag(3, 2, 1, 0.5) Qᵀ with the Householder reflection Q = I − 2uuᵀ/‖u‖², u = (1, −2, 0.5, 1.5).</summary>
        internal static double[] Target()
        {
            double uu = Householder.Sum(x => x * x);
            var q = new double[Dim * Dim];
            for (int c = 0; c < Dim; c++)
                for (int r = 0; r < Dim; r++) q[c * Dim + r] = (r == c ? 1 : 0) - 2 * Householder[r] * Householder[c] / uu;
            return ChouClaims.MatrixClaimMath.Conjugate(q, Spectrum);
        }

        /// <inheritdoc/>
        public override ClaimOutcome Run(ClaimContext context)
        {
            int halvings = context.Quick ? 3 : 5;
            var model = new DeepFactorization(Depth, Dim, Target());
            var theta0 = Initializations.Identical(model, Alpha);
            var options = new OdeOptions { RelTol = ObservedOrder.ReferenceRelTol, AbsTol = ObservedOrder.ReferenceAbsTol, SaveEveryStep = false };
            string method = ObservedOrder.ReferenceMethod;
            context.SetParameter("N", Depth);
            context.SetParameter("d", Dim);
            context.SetParameter("spectrum of Â", Spectrum);
            context.SetParameter("α", Alpha);
            context.SetParameter("T", Time);
            context.SetParameter("η0", InitialStepSize);
            context.SetParameter("halvings", halvings);
            context.SetParameter("flow method", $"{method}, rtol {options.RelTol:G3}, atol {options.AbsTol:G3}");
            context.AddNote("FlowSim's own check, beyond the papers. Every setting (Â = Q diag(3, 2, 1, 0.5) Qᵀ with a Householder Q, identical initialisation α = 0.5, T = 2, η0 = 0.02) is FlowSim's own choice.");
            if (context.Quick) context.AddNote("Quick mode halves η three times instead of five.");

            var steps = ObservedOrder.Halvings(InitialStepSize, halvings);
            var plainRhs = new CountingRhs(new GradientFlow(model));
            var plain = ObservedOrder.Measure(model, theta0, Time, steps, _ => plainRhs, "gradient flow", method, options, context.CancellationToken);
            var modifiedRhs = new List<CountingRhs>();
            var modified = ObservedOrder.Measure(model, theta0, Time, steps, eta =>
            {
                var rhs = new CountingRhs(new ModifiedGradientFlow(model, _modifiedCorrectionScale * eta));
                modifiedRhs.Add(rhs);
                return rhs;
            }, "modified gradient flow", method, options, context.CancellationToken);
            long gdSteps = plain.Points.Sum(p => (long)p.Steps) + modified.Points.Sum(p => (long)p.Steps);
            context.AddRhsEvaluations(gdSteps + plainRhs.Count + modifiedRhs.Sum(r => r.Count));

            for (int i = 0; i < plain.Points.Count; i++)
            {
                context.Report($"η={plain.Points[i].StepSize:G4}: |θ_K − θ_flow(T)|", plain.Points[i].Distance);
                context.Report($"η={plain.Points[i].StepSize:G4}: |θ_K − θ_modified(T)|", modified.Points[i].Distance);
            }
            context.Report("slope vs gradient flow", plain.Slope);
            context.Report("fit residual vs gradient flow", plain.Residual);
            context.Report("slope vs modified flow", modified.Slope);
            context.Report("fit residual vs modified flow", modified.Residual);
            context.AddFigure(ChouMatrixFigures.DescentToFlowDistance(plain, modified, Depth, Dim, Alpha));

            return ClaimOutcome.Combine(
                ClaimOutcome.Agreement(plain.Slope, 1.0, 0.1, $"log-log slope of |θ_K − θ(T)| vs η against the gradient flow (fit residual {ClaimOutcome.Fmt(plain.Residual)})"),
                ClaimOutcome.Agreement(modified.Slope, 2.0, 0.2, $"log-log slope against the modified flow (fit residual {ClaimOutcome.Fmt(modified.Residual)})"));
        }

        /// <summary>Counts right-hand-side evaluations of a wrapped flow for the report.</summary>
        private sealed class CountingRhs(IOdeRhs inner) : IOdeRhs
        {
            public long Count { get; private set; }

            public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt)
            {
                Count++;
                inner.Evaluate(t, y, dydt);
            }
        }
    }
}
