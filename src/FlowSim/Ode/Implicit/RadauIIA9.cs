namespace FlowSim.Ode;

/// <summary>
/// Radau IIA of order 9 (<c>radau9</c>): the 5-stage method of Hairer and Wanner's RADAU at its middle order, one real
/// and two complex linear systems per Newton iteration, an error estimate of order 5, the collocation polynomial of
/// degree 5 as dense output. Its steps are longer than radau5's at tight tolerances (error ∝ h¹⁰ against h⁶), each
/// Newton iteration costs 5 right-hand-side calls instead of 3. See <see cref="RadauIIA"/> for what the step does.
/// </summary>
public sealed class RadauIIA9 : RadauIIA
{
    /// <summary>Creates the method with 10 Newton iterations per attempt.</summary>
    public RadauIIA9() : base(10) { }

    /// <inheritdoc/>
    public override string Name => "radau9";

    /// <inheritdoc/>
    public override int Order => 9;

    internal override RadauIIATableau Tableau => RadauIIATableau.Five;
}
