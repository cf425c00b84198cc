using FlowSim.Analysis.Sharpness;
using FlowSim.Models;
using FlowSim.Ode;

namespace FlowSim.Dynamics.CentralFlow;

/// <summary>
/// Integrates the central flow with FlowSim's engine in two phases: the gradient flow until S(θ) reaches 2/η, located
/// by a terminal <see cref="OdeEvent"/> on S − 2/η (so before activation the run is the gradient flow itself), then the
/// constrained flow of <see cref="CentralFlowRhs"/> from that state to t1.
/// </summary>
/// <remarks>
/// A start at or above the edge (S(θ0) ≥ 2/η, where descent is unstable at once) is active from t0 and first projected
/// onto the edge (<see cref="CentralFlowRhs.ProjectToEdge"/>). The theory does not define the flow there: it is FlowSim's
/// choice, the limit of the paper's first substep, which imposes the linearised constraint at once.
/// </remarks>
public static class CentralFlowSolver
{
    /// <summary>Runs the central flow of <paramref name="objective"/> from θ0 on [0, t1].</summary>
    /// <exception cref="ArgumentNullException"><paramref name="objective"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">θ0 has the wrong length or a non-finite entry, t1 is not finite and &gt; 0, or an
    /// option is out of range (the message names it).</exception>
    public static CentralFlowResult Solve(IHessianVectorProduct objective, ReadOnlySpan<double> theta0, double t1,
        CentralFlowOptions options, ICurvatureGradient? curvature = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(options);
        DynamicsChecks.InitialState(objective, theta0);
        if (!(t1 > 0) || !double.IsFinite(t1)) throw new ArgumentException($"t1: must be finite and > 0 (got {t1}).", nameof(t1));
        var rhs = new CentralFlowRhs(objective, options, curvature);
        var times = new List<double>();
        var states = new List<double[]>();
        double? activation = null;
        double[]? activationState = null;
        OdeSolution first;
        if (rhs.SharpnessGap(theta0) >= 0)
        {
            activation = 0;
            activationState = theta0.ToArray();
            rhs.ProjectToEdge(activationState);
            rhs.Active = true;
            first = Phase(rhs, 0, t1, activationState, options, events: false, cancellationToken);
            Collect(first, times, states);
            return new CentralFlowResult(rhs, first, null, activation, activationState, times, states);
        }
        first = Phase(rhs, 0, t1, theta0, options, events: true, cancellationToken);
        Collect(first, times, states);
        if (first.Status != OdeStatus.TerminatedByEvent || first.FinalTime >= t1)
            return new CentralFlowResult(rhs, first, null, first.Status == OdeStatus.TerminatedByEvent ? first.FinalTime : null,
                first.Status == OdeStatus.TerminatedByEvent ? first.FinalState : null, times, states);
        activation = first.FinalTime;
        activationState = first.FinalState;
        rhs.Active = true;
        var second = Phase(rhs, activation.Value, t1, activationState, options, events: false, cancellationToken);
        Collect(second, times, states);
        return new CentralFlowResult(rhs, first, second, activation, activationState, times, states);
    }

    private static OdeSolution Phase(CentralFlowRhs rhs, double t0, double t1, ReadOnlySpan<double> y0, CentralFlowOptions options,
        bool events, CancellationToken cancellationToken)
    {
        var problem = new OdeProblem(rhs, t0, t1, y0, name: $"central flow of {rhs.Objective.Name} (η = {options.StepSize:R})");
        List<double>? outputs = null;
        if (options.OutputTimes is { } all)
        {
            outputs = [];
            foreach (double t in all)
                if (t >= t0 && t <= t1 && (outputs.Count == 0 || t > outputs[^1])) outputs.Add(t);
        }
        var odeOptions = new OdeOptions
        {
            RelTol = options.RelTol,
            AbsTol = options.AbsTol,
            MaxSteps = options.MaxSteps,
            Dense = options.Dense,
            OutputTimes = outputs,
            Events = events ? [new OdeEvent((_, y) => rhs.SharpnessGap(y), EventDirection.Rising, Terminal: true, Name: "S = 2/eta")] : null,
        };
        return OdeSolve.Solve(problem, options.Method, odeOptions, cancellationToken);
    }

    private static void Collect(OdeSolution s, List<double> times, List<double[]> states)
    {
        for (int i = 0; i < s.Times.Count; i++)
        {
            if (times.Count > 0 && s.Times[i] <= times[^1]) continue;
            times.Add(s.Times[i]);
            states.Add(s.Values[i]);
        }
    }
}
