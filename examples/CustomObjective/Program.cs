// Adding a model: implement IObjective (loss and gradient on a flat θ) and every dynamics of FlowSim works on it.
// Here: symmetric factorisation f(U) = ¼‖UUᵀ − Σ‖²_F (Ye–Du's symmetric case), written with FlowSim.Linalg.Dense and
// checked against finite differences by ObjectiveChecks; its flow from U0 = √s0·I has the closed form
// UUᵀ = diag(σ_i e^{2σ_i t}/(e^{2σ_i t} − 1 + σ_i/s0)) (THEORY §2.3) — used to check the result.
FlowSim.Examples.CustomObjectiveExample.Run(Console.Out, quick: args.Contains("--quick"));

namespace FlowSim.Examples
{
    using FlowSim.Analysis;
    using FlowSim.Dynamics;
    using FlowSim.Linalg;
    using FlowSim.Models;

    /// <summary>f(U) = ¼‖UUᵀ − Σ‖²_F for a d×d U stored column-major and Σ = diag(σ); ∇f = (UUᵀ − Σ)U.</summary>
    public sealed class SymmetricFactorization(double[] sigma) : IObjective
    {
        private readonly int _d = sigma.Length;
        private readonly double[] _target = Dense.Diagonal(sigma);
        private readonly double[] _residual = new double[sigma.Length * sigma.Length]; // R = UUᵀ − Σ, kept for the gradient

        /// <inheritdoc/>
        public string Name => "symmetric-factorization";
        /// <inheritdoc/>
        public int ParameterCount => _d * _d;

        /// <inheritdoc/>
        public double Loss(ReadOnlySpan<double> u) => 0.25 * Dense.Residual(u, _d, _d, u, _d, _d, _target, _residual, transposeB: true);

        /// <inheritdoc/>
        public double Gradient(ReadOnlySpan<double> u, Span<double> gradient)
        {
            double loss = Loss(u);
            Dense.Multiply(_residual, _d, _d, u, _d, _d, gradient); // ∇f = RU
            return loss;
        }
    }

    /// <summary>The model checked by finite differences, then gradient flow and descent on it, checked against the logistic closed form.</summary>
    public static class CustomObjectiveExample
    {
        /// <summary>Runs the example; returns the largest relative error of the flow's diag(UUᵀ) against the closed form.</summary>
        /// <exception cref="InvalidOperationException">The model's derivatives fail <see cref="ObjectiveChecks"/>.</exception>
        public static double Run(TextWriter output, bool quick = false)
        {
            double[] sigma = [5, 4, 3, 2, 1];
            const double s0 = 1e-4, eta = 0.01;
            int d = sigma.Length;
            double t1 = quick ? 2 : 4;
            var objective = new SymmetricFactorization(sigma);
            output.WriteLine(ObjectiveChecks.Run(objective, Initializations.Gaussian(objective, 0.5, seed: 1)).EnsurePassed());

            var theta0 = Dense.Diagonal(Enumerable.Repeat(Math.Sqrt(s0), d).ToArray());
            var flow = GradientFlow.Solve(objective, theta0, t1, "dop853", new FlowSim.Ode.OdeOptions { RelTol = 1e-11, AbsTol = 1e-14, Dense = true });
            var descent = GradientDescent.Run(objective, theta0, eta, (int)Math.Round(t1 / eta));
            var compare = FlowDescentComparison.Create(objective, descent, flow);

            double worst = 0;
            output.WriteLine($"{"t",5} {"i",2} {"(UUᵀ)_ii flow",16} {"closed form",16} {"rel. error",11}");
            foreach (double t in new[] { 0.5, 1.0, t1 })
            {
                var u = flow.Evaluate(t);
                var uut = Dense.Multiply(u, d, d, u, d, d, transposeB: true);
                for (int i = 0; i < d; i++)
                {
                    double e = Math.Exp(2 * sigma[i] * t);
                    double exact = sigma[i] * e / (e - 1 + sigma[i] / s0);
                    double rel = Math.Abs(uut[i * d + i] - exact) / exact;
                    worst = Math.Max(worst, rel);
                    if (i == 0 || i == d - 1) output.WriteLine($"{t,5} {i + 1,2} {uut[i * d + i],16:0.0000000000E+00} {exact,16:0.0000000000E+00} {rel,11:0.0E+00}");
                }
            }
            output.WriteLine($"descent η = {eta} vs flow at t = kη: max distance {compare.MaxDistance:0.000E+00} at k = {compare.MaxDistanceIteration}");
            return worst;
        }
    }
}
