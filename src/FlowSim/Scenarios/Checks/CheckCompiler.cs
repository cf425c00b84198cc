using System.Globalization;

namespace FlowSim.Scenarios.Checks;

/// <summary>
/// Check expressions: the text is validated by <see cref="ExpressionScanner"/>; when first needed it is parsed by the
/// expression library (<see cref="ExpressionLibrary"/>, DynamicExpresso), the tree is checked node by node by
/// <see cref="SafeExpressionTree"/> and lowered once into delegates (<see cref="ExpressionClosures"/>).
/// An expression that is a single variable or number needs no library and becomes an array read or a constant.
/// </summary>
internal sealed class CheckCompiler
{
    private readonly CheckEnvironment _environment;
    private ExpressionLibrary? _library;

    public CheckCompiler(CheckEnvironment environment) => _environment = environment;

    // Created on the first compilation, usually on a runner's worker thread: validating the checks on the main thread
    // neither loads the library nor System.Linq.Expressions.
    private ExpressionLibrary Library => LazyInitializer.EnsureInitialized(ref _library, () => new ExpressionLibrary(_environment));

    /// <exception cref="CheckExpressionException">See <see cref="CheckExpression.Parse"/>.</exception>
    public CheckExpression Parse(string text)
    {
        var (uses, parsed) = ExpressionScanner.Scan(text, _environment);
        return new CheckExpression(text, uses, Single(text, uses) ?? (() => Compile(text, parsed)));
    }

    /// <summary>
    /// The delegate of an expression that is one variable or one number (<c>loss</c>, <c>flow.loss</c>, <c>imbalance_0</c>,
    /// <c>2</c>), without the library: most bounds compare two recorded values, and loading and jitting the expression
    /// library costs a fresh process about 30 ms of CPU (issue 17 allows checks 5 % of a small run). The scanner has already
    /// admitted the text, so a token that parses as an invariant number is a number literal.
    /// </summary>
    private static Func<Func<double[], double>>? Single(string text, List<CheckVariableUse> uses)
    {
        string token = text.Trim();
        if (uses.Count == 1 && token == uses[0].Variable.Name)
        {
            int slot = uses[0].Variable.Slot;
            return () => values => values[slot];
        }
        if (uses.Count == 0 && double.TryParse(token, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out double number))
            return () => _ => number;
        return null;
    }

    /// <summary>The library's tree of a validated expression, checked node by node, lowered into delegates.</summary>
    /// <exception cref="CheckExpressionException">The library refused it (validation and library disagree).</exception>
    internal Func<double[], double> Compile(string text, string parsed)
    {
        var library = Library;
        return ExpressionClosures.Lower(new SafeExpressionTree(library.Values).Visit(library.Parse(text, parsed))!);
    }
}
