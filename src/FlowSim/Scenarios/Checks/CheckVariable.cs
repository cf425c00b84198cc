namespace FlowSim.Scenarios.Checks;

/// <summary>Where the value of a check variable comes from.</summary>
public enum CheckVariableSource
{
    /// <summary><c>t</c>, the record's time.</summary>
    Time,
    /// <summary><c>k</c>, the descent iterate of the record (null for every other dynamics).</summary>
    Iterate,
    /// <summary><c>eta</c>, the step size of the dynamics (null for the plain flow).</summary>
    StepSize,
    /// <summary>A scenario constant (<c>alpha</c>, <c>depth</c>, …), the same for every record.</summary>
    Constant,
    /// <summary>A recorded metric column (<c>loss</c>, <c>sv2</c>, …) at the record (or, with a
    /// <see cref="CheckVariable.Dynamics"/>, at that dynamics' record of the same time).</summary>
    Metric,
    /// <summary>A metric column's first recorded value of the dynamics (<c>loss_0</c>).</summary>
    FirstValue,
}

/// <summary>One name an expression of a check may use.</summary>
/// <param name="Name">The name in expressions (<c>t</c>, <c>loss</c>, <c>loss_0</c>, <c>sv2</c>, <c>alpha</c>).</param>
/// <param name="Slot">Index of the variable in the value array the compiled expressions read.</param>
/// <param name="Source">Where the value comes from.</param>
/// <param name="Column">The trajectory column (<c>loss</c>, <c>effective_rank</c>, <c>sv2</c>) of metric and first-value variables, else null.</param>
/// <param name="Metric">The scenario metric name to record (<c>loss</c>, <c>effective-rank</c>, <c>singular-values</c>), else null.</param>
/// <param name="Value">The value of a constant (0 for other sources).</param>
/// <param name="Dynamics">For <c>flow.loss</c>-style names, the other dynamics whose record at the same time is read
/// (see <see cref="CheckEnvironment"/>); null for the checked dynamics' own values.</param>
public sealed record CheckVariable(string Name, int Slot, CheckVariableSource Source, string? Column, string? Metric, double Value, string? Dynamics = null);
