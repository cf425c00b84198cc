namespace FlowSim.Ode;

/// <summary>
/// Radau IIA of order 5 (<c>radau5</c>): the 3-stage method of Hairer and Wanner's RADAU5 and SciPy's <c>Radau</c>, one
/// real and one complex linear system per Newton iteration, an error estimate of order 3, the cubic collocation
/// polynomial as dense output. See <see cref="RadauIIA"/> for what the step does.
/// </summary>
public sealed partial class RadauIIA5 : RadauIIA
{
    /// <summary>Creates the method with RADAU5's defaults (7 Newton iterations per attempt).</summary>
    public RadauIIA5() : base(7) { }

    /// <inheritdoc/>
    public override string Name => "radau5";

    /// <inheritdoc/>
    public override int Order => 5;

    internal override RadauIIATableau Tableau => RadauIIATableau.Three;
}
