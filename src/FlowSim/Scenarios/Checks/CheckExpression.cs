namespace FlowSim.Scenarios.Checks;

/// <summary>A variable an expression uses, at the 1-based position of its first use.</summary>
/// <remarks>A class, like the other check types: generic code over reference types is shared and precompiled, so
/// parsing checks jits less in a fresh process.</remarks>
/// <param name="Variable">The variable.</param>
/// <param name="Position">1-based character position of its first use in the expression text.</param>
public sealed record CheckVariableUse(CheckVariable Variable, int Position);

/// <summary>
/// A <c>measured</c> or <c>bound</c> expression of a check: validated once by <see cref="Parse"/> (every error, with
/// its position, comes from there), and compiled once — parsed by the expression library and lowered into a delegate
/// over an array of variable values indexed by <see cref="CheckVariable.Slot"/> — on first use, or ahead of it with
/// <see cref="ScenarioChecks.CompileAll"/>, which a runner can call on another thread while the dynamics run (loading
/// the library costs tens of milliseconds in a fresh process). Evaluating it does not parse or allocate.
/// </summary>
public sealed class CheckExpression
{
    private readonly Lazy<Func<double[], double>> _function;

    internal CheckExpression(string text, IReadOnlyList<CheckVariableUse> uses, Func<Func<double[], double>> compile)
    {
        Text = text;
        Uses = uses;
        _function = new Lazy<Func<double[], double>>(compile, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The expression as written in the scenario file.</summary>
    public string Text { get; }

    /// <summary>The variables it uses, each once, in order of first use.</summary>
    public IReadOnlyList<CheckVariableUse> Uses { get; }

    /// <summary>Validates <paramref name="text"/> against the variables of <paramref name="environment"/>.</summary>
    /// <param name="text">The expression: numbers in invariant format, variables, <c>+ - * /</c>, parentheses and
    /// the functions of <see cref="CheckFunctions"/>.</param>
    /// <param name="environment">The scenario's variables.</param>
    /// <exception cref="CheckExpressionException">The expression is not allowed or not well formed; the message names the
    /// 1-based position (<c>unknown variable 'los' at position 1 (did you mean 'loss'?)</c>).</exception>
    public static CheckExpression Parse(string text, CheckEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(environment);
        return environment.Compiler.Parse(text);
    }

    /// <summary>The value for one record (compiles the expression on first use).</summary>
    /// <param name="values">Variable values indexed by <see cref="CheckVariable.Slot"/> (at least
    /// <see cref="CheckEnvironment.Variables"/>.Count entries; only the used slots are read).</param>
    public double Evaluate(double[] values) => _function.Value(values);

    /// <summary>The compiled delegate (compiles on first access; thread-safe).</summary>
    /// <exception cref="CheckExpressionException">The expression library refused an expression the validation accepted
    /// (a FlowSim bug: the two are tested to agree).</exception>
    internal Func<double[], double> Function => _function.Value;

    /// <inheritdoc/>
    public override string ToString() => Text;
}
