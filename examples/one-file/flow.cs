#!/usr/bin/env -S dotnet run
#:project ../../src/FlowSim.Reports/FlowSim.Reports.csproj
// FlowSim in one file (.NET 10 file-based program): an objective in a few lines, its gradient flow and gradient
// descent, and a report of both. From the repository root:
//     dotnet run examples/one-file/flow.cs [OUT_DIR]          (default: one-file-report/, replaced when it is one)
// Outside the repository, replace the #:project line by  #:package FlowSim.Reports@0.1.0  (the package, see README).
using FlowSim.Dynamics;
using FlowSim.Linalg;
using FlowSim.Models;
using FlowSim.Ode;
using FlowSim.Reports;

double[] sigma = [3, 2, 1, 0.5];
int d = sigma.Length;
var objective = new SymmetricFactorization(sigma);
var theta0 = Dense.Diagonal([.. sigma.Select(_ => 0.05)]);             // U₀ = 0.05·I: small, so the σᵢ are learned one by one

var flow = GradientFlow.Solve(objective, theta0, 6, "dop853", new OdeOptions { RelTol = 1e-10, AbsTol = 1e-12, Dense = true });
var descent = GradientDescent.Run(objective, theta0, stepSize: 0.05, steps: 120);

var report = new RunsReport("symmetric factorisation ¼‖UUᵀ − Σ‖²", objective);
for (int i = 0; i < d; i++)
{
    int k = i;
    report.AddMetric($"sv{k + 1}", u => Dense.SymmetricEigenvalues(d, Dense.Multiply(u, d, d, u, d, d, transposeB: true)).OrderDescending().ElementAt(k));
}
string page = report.AddFlow("gradient flow", flow).AddDescent("gradient descent", descent)
    .Write(args.Length > 0 ? args[0] : "one-file-report", replace: true);
Console.WriteLine($"flow: loss {objective.Loss(flow.FinalState):0.000e+00} at t = {flow.FinalTime}; descent: {descent.Losses[^1]:0.000e+00} after {descent.LastIteration} steps");
Console.WriteLine(page);

/// <summary>f(U) = ¼‖UUᵀ − Σ‖²_F for a d×d U (column-major), Σ = diag(σ); ∇f = (UUᵀ − Σ)U.</summary>
sealed class SymmetricFactorization(double[] sigma) : IObjective
{
    private readonly int _d = sigma.Length;
    private readonly double[] _target = Dense.Diagonal(sigma);
    private readonly double[] _residual = new double[sigma.Length * sigma.Length];

    public string Name => "symmetric-factorization";
    public int ParameterCount => _d * _d;
    public double Loss(ReadOnlySpan<double> u) => 0.25 * Dense.Residual(u, _d, _d, u, _d, _d, _target, _residual, transposeB: true);

    public double Gradient(ReadOnlySpan<double> u, Span<double> gradient)
    {
        double loss = Loss(u);
        Dense.Multiply(_residual, _d, _d, u, _d, _d, gradient);
        return loss;
    }
}
