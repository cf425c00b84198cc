using FlowSim.Analysis.Sharpness;
using FlowSim.Models;
using FlowSim.Ode;

namespace FlowSim.Dynamics.CentralFlow;

/// <summary>
/// Integrates the central flow with FlowSim's engine as a hybrid system: segments with a fixed number c of eigenvalues
/// held at the edge, separated by terminal <see cref="OdeEvent"/>s. The first segment (c = 0) is the gradient flow
/// itself, ended where S reaches 2/η; later ones add an eigenvalue where the next one reaches 2/η
/// (<see cref="CentralFlowRhs.AttachGap"/>) and release the lowest held one where it has fallen by the band δ below the
/// edge (<see cref="CentralFlowRhs.DetachGap"/>).
/// </summary>
/// <remarks>
/// A start at or above the edge (S(θ0) ≥ 2/η, where descent is unstable at once) is first projected onto it
/// (<see cref="EdgeProjection.Project"/>) and holds the eigenvalues then within δ of the edge. The theory does not define
/// the flow there: it is FlowSim's choice, the limit of the paper's first substep.
/// </remarks>
public static class CentralFlowSolver
{
    /// <summary>Segments after which a run is stopped as chattering between holding and releasing an eigenvalue.</summary>
    public const int MaxSegments = 10_000;

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
        var segments = new List<OdeSolution>();
        var transitions = new List<CentralFlowTransition>();
        var times = new List<double>();
        var states = new List<double[]>();
        double t = 0;
        var y = theta0.ToArray();
        if (rhs.SharpnessGap(y) >= 0)
        {
            EdgeProjection.Project(rhs, y);
            rhs.Eigensolver.Solve(objective, y);
            int held = 0;
            while (held < options.Eigenvalues && rhs.Eigensolver.Eigenvalues[held] >= (1 - options.CriticalBand) * rhs.Edge) held++;
            rhs.CriticalCount = Math.Max(held, 1);
            transitions.Add(new CentralFlowTransition(0, rhs.CriticalCount, (double[])y.Clone()));
        }
        while (true)
        {
            var segment = Segment(rhs, t, t1, y, options, cancellationToken);
            segments.Add(segment);
            Collect(segment, times, states);
            if (segment.Status != OdeStatus.TerminatedByEvent || segment.FinalTime >= t1)
            {
                var status = segment.Status == OdeStatus.TerminatedByEvent ? OdeStatus.Success : segment.Status;
                return new CentralFlowResult(rhs, segments, transitions, times, states, status, status == OdeStatus.Success ? null : segment.Message);
            }
            bool attach = segment.Events[^1].Name == AttachName;
            rhs.CriticalCount += attach ? 1 : -1;
            t = segment.FinalTime;
            y = segment.FinalState;
            transitions.Add(new CentralFlowTransition(t, rhs.CriticalCount, (double[])y.Clone()));
            if (segments.Count >= MaxSegments)
                return new CentralFlowResult(rhs, segments, transitions, times, states, OdeStatus.Failed,
                    $"central flow: {MaxSegments} segments by τ = {t:R}: the held set keeps changing (chattering).");
        }
    }

    private const string AttachName = "eigenvalue reaches 2/eta", DetachName = "held eigenvalue leaves the band";

    private static OdeSolution Segment(CentralFlowRhs rhs, double t0, double t1, ReadOnlySpan<double> y0, CentralFlowOptions options,
        CancellationToken cancellationToken)
    {
        var problem = new OdeProblem(rhs, t0, t1, y0, name: $"central flow of {rhs.Objective.Name} (η = {options.StepSize:R})");
        List<double>? outputs = null;
        if (options.OutputTimes is { } all)
        {
            outputs = [];
            foreach (double t in all)
                if (t >= t0 && t <= t1 && (outputs.Count == 0 || t > outputs[^1])) outputs.Add(t);
        }
        var events = new List<OdeEvent>(2);
        if (rhs.CriticalCount < options.Eigenvalues)
            events.Add(new OdeEvent((_, y) => rhs.AttachGap(y), EventDirection.Rising, Terminal: true, Name: AttachName));
        if (rhs.CriticalCount > 0)
            events.Add(new OdeEvent((_, y) => rhs.DetachGap(y), EventDirection.Falling, Terminal: true, Name: DetachName));
        var odeOptions = new OdeOptions
        {
            RelTol = options.RelTol,
            AbsTol = options.AbsTol,
            MaxSteps = options.MaxSteps,
            Dense = options.Dense,
            OutputTimes = outputs,
            Events = events,
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
