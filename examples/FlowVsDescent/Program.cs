// Gradient flow versus gradient descent on deep matrix factorisation (THEORY §3.1, claim F1).
// Descent iterate k is compared with the flow at t = kη; then the distance at a fixed time T is measured over
// η halved five times: order 1 against the plain flow, order 2 against the modified flow θ' = −∇L − (η/2)H∇L.
// Every setting here is FlowSim's own choice.
using System.Globalization;
using FlowSim.Analysis;
using FlowSim.Linalg;
using FlowSim.Models;
using FlowSim.Ode;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

const int depth = 3, d = 4, steps = 100, every = 10;
const double alpha = 0.5, eta = 0.02, time = steps * eta;
double[] spectrum = [3.0, 2.0, 1.0, 0.5];

// Â = Q diag(spectrum) Qᵀ with the Householder reflection Q = I − 2vvᵀ/‖v‖², v = (1, −2, 0.5, 1.5): symmetric, not diagonal.
double[] v = [1.0, -2.0, 0.5, 1.5];
var q = Dense.Identity(d);
Dense.Multiply(v, d, 1, v, d, 1, q, transposeB: true, alpha: -2 / v.Sum(x => x * x), beta: 1);
var target = Dense.Multiply(Dense.Multiply(q, d, d, Dense.Diagonal(spectrum), d, d), d, d, q, d, d, transposeB: true);

var model = new DeepFactorization(depth, d, target);
var theta0 = Initializations.Identical(model, alpha);
var flowOptions = new OdeOptions { RelTol = ObservedOrder.ReferenceRelTol, AbsTol = ObservedOrder.ReferenceAbsTol };
string method = ObservedOrder.ReferenceMethod;

Console.WriteLine($"Deep factorisation N = {depth}, d = {d}, spectrum of Â = ({string.Join(", ", spectrum)}), W_j(0) = {alpha}·I");
Console.WriteLine($"Descent η = {eta}, K = {steps} (T = {time}); flows by {method} at rtol {flowOptions.RelTol:G3}");
Console.WriteLine();

var plain = FlowDescentComparison.GradientFlowVersusDescent(model, theta0, eta, steps, method, flowOptions, every);
var modified = FlowDescentComparison.ModifiedFlowVersusDescent(model, theta0, eta, steps, method, flowOptions, every);
Console.WriteLine($"{"k",5} {"t",6} {"|θ_gd − θ_flow|",16} {"relative",11} {"loss_gd",13} {"loss_flow",13} {"|θ_gd − θ_mod|",16}");
for (int i = 0; i < plain.Count; i++)
    Console.WriteLine($"{plain.Iterations[i],5} {plain.Times[i],6:F2} {plain.AbsoluteDistance[i],16:0.0000E+00} {plain.RelativeDistance[i],11:0.000E+00} " +
                      $"{plain.DescentLoss[i],13:0.000000E+00} {plain.FlowLoss[i],13:0.000000E+00} {modified.AbsoluteDistance[i],16:0.0000E+00}");
Console.WriteLine($"max |θ_gd − θ_flow| = {plain.MaxDistance:0.0000E+00} at k = {plain.MaxDistanceIteration}; " +
                  $"max |θ_gd − θ_mod| = {modified.MaxDistance:0.0000E+00} at k = {modified.MaxDistanceIteration}");
Console.WriteLine();

const int halvings = 5;
var orderPlain = ObservedOrder.ForGradientFlow(model, theta0, time, eta, halvings);
var orderModified = ObservedOrder.ForModifiedGradientFlow(model, theta0, time, eta, halvings);
Console.WriteLine($"Distance at T = {time} over η halved {halvings} times (log-log least squares):");
Console.WriteLine($"{"η",11} {"K",6} {"plain flow",12} {"modified flow",14}");
for (int i = 0; i < orderPlain.Points.Count; i++)
    Console.WriteLine($"{orderPlain.Points[i].StepSize,11:0.0000E+00} {orderPlain.Points[i].Steps,6} {orderPlain.Points[i].Distance,12:0.0000E+00} {orderModified.Points[i].Distance,14:0.0000E+00}");
Console.WriteLine($"observed order, plain flow:    slope {orderPlain.Slope:F4}, intercept {orderPlain.Intercept:F4}, residual {orderPlain.Residual:0.00E+00} (expected 1)");
Console.WriteLine($"observed order, modified flow: slope {orderModified.Slope:F4}, intercept {orderModified.Intercept:F4}, residual {orderModified.Residual:0.00E+00} (expected 2)");
