using System.Globalization;
using System.Linq.Expressions;
using FlowSim.Scenarios.Checks;
using Xunit;
using static FlowSim.Tests.Scenarios.Checks.CheckFixtures;

namespace FlowSim.Tests.Scenarios.Checks;

/// <summary>Expression errors name the field and the 1-based position; nothing but arithmetic and seven functions gets through.</summary>
public class CheckExpressionTests
{
    private static string MeasuredError(string measured) =>
        Error(ScalarEnv(2), ("id", "x"), ("kind", "nonincreasing"), ("measured", measured));

    private static double Value(string text, params (string Name, double Value)[] values)
    {
        var env = ScalarEnv(2);
        var e = CheckExpression.Parse(text, env);
        var slots = new double[env.Variables.Count];
        foreach (var (name, v) in values) slots[env.Find(name)!.Slot] = v;
        return e.Evaluate(slots);
    }

    [Fact]
    public void UnknownVariable_NamesFieldPositionAndNearest()
    {
        Assert.Equal("checks[0].measured: unknown variable 'los' at position 1 (did you mean 'loss'?)", MeasuredError("los"));
        string bound = Error(ScalarEnv(2), ("id", "x"), ("kind", "upper"), ("measured", "loss"), ("bound", "loss_0 * exp(-2 * tt)"));
        Assert.Equal("checks[0].bound: unknown variable 'tt' at position 19 (did you mean 't'?)", bound);
        Assert.Equal("checks[0].measured: unknown function 'Exp' at position 3 (did you mean 'exp'? functions: exp, log, sqrt, abs, min, max, pow)", MeasuredError("1+Exp(t)"));
        Assert.Equal("checks[0].measured: function 'exp' at position 1 needs its arguments: write exp(x)", MeasuredError("exp"));
        Assert.StartsWith("checks[0].measured: 'loss' at position 1 is a variable, not a function", MeasuredError("loss(2)"));
    }

    [Fact]
    public void SyntaxErrors_GiveThePosition()
    {
        Assert.Equal("checks[0].measured: expected a number, variable, function or '(' at position 7 (got '*')", MeasuredError("loss +* 2"));
        Assert.Equal("checks[0].measured: expected an operator (+ - * /) at position 6 (got 'loss')", MeasuredError("loss loss"));
        Assert.Equal("checks[0].measured: expected an operator (+ - * /) at position 3 (got '(')", MeasuredError("2 (t)"));
        Assert.Equal("checks[0].measured: the expression ends after '-' at position 8: an operand is missing", MeasuredError("loss * -"));
        Assert.Equal("checks[0].measured: the expression ends after '+' at position 6: an operand is missing", MeasuredError("loss + "));
        Assert.Equal("checks[0].measured: empty parentheses at position 3", MeasuredError("1+()"));
        Assert.Equal("checks[0].measured: expected a number, variable, function or '(' at position 5 (got ',')", MeasuredError("max(,1)"));
        Assert.Equal("checks[0].measured: '(' at position 4 is not closed", MeasuredError("exp(loss"));
        Assert.Equal("checks[0].measured: ')' at position 5 has no matching '('", MeasuredError("loss)"));
        Assert.Equal("checks[0].measured: pow at position 3 takes 2 arguments (got 1): write pow(x, y)", MeasuredError("1+pow(loss)"));
        Assert.Equal("checks[0].measured: exp at position 1 takes 1 argument (got 0): write exp(x)", MeasuredError("exp( )"));
        Assert.Equal("checks[0].measured: '^' at position 6 is not an operator here: write pow(x, y)", MeasuredError("loss ^ 2"));
        Assert.Equal("checks[0].measured: invalid number '5L' at position 1 (write numbers like 2, 0.5, 1.5e-3)", MeasuredError("5L * loss"));
        Assert.Equal("checks[0].measured: number '1e400' at position 1 is out of range", MeasuredError("1e400"));
        Assert.Equal("checks[0].measured: is an empty expression", MeasuredError("  "));
        Assert.StartsWith("checks[0].measured: parentheses nested deeper than 64", MeasuredError(new string('(', 65) + "1" + new string(')', 65)));
        Assert.StartsWith("checks[0].measured: is longer than 1000 characters", MeasuredError(string.Join("+", Enumerable.Repeat("loss", 300))));
    }

    [Fact]
    public void DotNetTypesAndMembersAreRefused()
    {
        Assert.StartsWith("checks[0].measured: member access ('.') at position 7 is not allowed", MeasuredError("System.IO.File.Delete(\"x\")"));
        Assert.StartsWith("checks[0].measured: member access ('.') at position 5 is not allowed", MeasuredError("Math.Pow(2, 3)"));
        Assert.StartsWith("checks[0].measured: member access ('.') at position 5 is not allowed", MeasuredError("loss.ToString()"));
        Assert.StartsWith("checks[0].measured: member access ('.') at position 2 is not allowed", MeasuredError("2.CompareTo(1)"));
        Assert.StartsWith("checks[0].measured: member access ('.') at position 4 is not allowed", MeasuredError("exp.Method"));
        Assert.StartsWith("checks[0].measured: text in quotes at position 1 is not allowed", MeasuredError("\"abc\".Length"));
        Assert.StartsWith("checks[0].measured: unknown function 'typeof' at position 1", MeasuredError("typeof(double)"));
        Assert.StartsWith("checks[0].measured: unknown variable 'new' at position 1", MeasuredError("new object()"));
        Assert.StartsWith("checks[0].measured: character '>' at position 6 is not allowed", MeasuredError("loss > 1 ? 1 : 2"));
        Assert.StartsWith("checks[0].measured: character '=' at position 3 is not allowed", MeasuredError("t = 3"));
    }

    [Fact]
    public void TheTreeGateRefusesWhatTheScannerCannotProduce()
    {
        var values = Expression.Parameter(typeof(double[]), "values");
        var gate = new SafeExpressionTree(values);
        var exists = Expression.Call(typeof(File).GetMethod(nameof(File.Exists), [typeof(string)])!, Expression.Constant("x"));
        Assert.Throws<CheckExpressionException>(() => gate.Visit(Expression.Condition(exists, Expression.Constant(1.0), Expression.Constant(0.0))));
        Assert.Throws<CheckExpressionException>(() => gate.Visit(Expression.Convert(Expression.Property(Expression.Constant("abc"), "Length"), typeof(double))));
        Assert.Throws<CheckExpressionException>(() => gate.Visit(Expression.Call(typeof(Math).GetMethod(nameof(Math.Round), [typeof(double)])!, Expression.Constant(1.5))));
        var sqrt = Expression.Call(typeof(Math).GetMethod(nameof(Math.Sqrt))!, Expression.ArrayIndex(values, Expression.Constant(0)));
        Assert.Same(sqrt, gate.Visit(sqrt));
    }

    [Fact]
    public void Arithmetic_IsDoubleWithTheSevenFunctions()
    {
        Assert.Equal(0.5, Value("1/2"));                         // not integer division
        Assert.Equal(0.5015, Value("1.5e-3 + 1/2"));
        Assert.Equal(0.25, Value(".5 * .5"));
        Assert.Equal(Math.Exp(-1) + Math.Log(2) + Math.Sqrt(2) + 3 + 1 + 2 + 8,
            Value("exp(-t) + log(2) + sqrt(2) + abs(-3) + min(1, 2) + max(1, 2) + pow(2, 3)", ("t", 1)));
        Assert.Equal(-2 * 0.3 - -4, Value("-2*loss - -4", ("loss", 0.3)));
        Assert.Equal(5, Value("2--3"));
        Assert.Equal(-0.6, Value("loss * -+2", ("loss", 0.3)));
        Assert.Equal(0.2 * 3, Value("alpha * depth", ("alpha", 0.2), ("depth", 3)));
    }

    [Theory]
    [InlineData("de-DE")]
    [InlineData("tr-TR")]
    public void Culture_DoesNotChangeParsingOrMessages(string culture)
    {
        var saved = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);
            Assert.Equal(0.5015, Value("1.5e-3 + 1/2"));
            Assert.Equal(1.25, Value("1.25"));
            var check = One(ScalarEnv(2), ("id", "x"), ("kind", "equal"), ("measured", "loss"), ("bound", "0.5 * loss_0"), ("tolerance", "0.5"));
            Assert.Equal(0.5, check.Tolerance);
            Assert.Equal("checks[0].measured: ',' at position 2 is outside a function's arguments (numbers are written with '.', e.g. 1.5)", MeasuredError("1,5"));
            Assert.Equal("checks[0].measured: unknown variable 'LOSS' at position 1 (did you mean 'loss'?)", MeasuredError("LOSS"));
            Assert.Equal("checks[0].measured: unknown variable 'ETA' at position 1 (did you mean 'eta'?)", MeasuredError("ETA"));
            Assert.Equal("checks[0].tolerance: must be finite and ≥ 0 (got -0.5)",
                Error(ScalarEnv(2), ("id", "x"), ("kind", "equal"), ("measured", "loss"), ("bound", "1"), ("tolerance", "-0.5")));
            var r = CheckEvaluator.Evaluate(One(ScalarEnv(1), ("id", "x"), ("kind", "upper"), ("measured", "loss"), ("bound", "0.5 * loss_0")),
                Flow, FlowRecords(1, 1, 0.1, 0.1, 11));
            Assert.Contains("worst at t = 0: measured 0.405 > bound 0.2025", r.Message);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = saved;
        }
    }

    [Fact]
    public void UnavailableNames_SayWhy()
    {
        Assert.Equal("checks[0].measured: variable 'imbalance' at position 1 is not available: imbalance needs a two-factor model (got scalar)", MeasuredError("imbalance"));
        Assert.Equal("checks[0].measured: variable 'sv2' at position 1 is not available: the 1×1 product has 1 singular value (sv1)", MeasuredError("sv2"));
        Assert.StartsWith("checks[0].measured: variable 'scale' at position 1 is not available: scale is a field of gaussian", MeasuredError("scale"));
        var asym = Asymmetric();
        Assert.NotNull(asym.Find("imbalance_0"));
        Assert.NotNull(asym.Find("sv4"));
        Assert.Null(asym.Find("sv5"));
        Assert.NotNull(asym.Find("scale"));
        Assert.Null(asym.Find("alpha"));
    }

    [Fact]
    public void NullVariables_AreRefusedForTheDynamicsThatLackThem()
    {
        Assert.Equal("checks[0].measured: variable 'k' at position 3 is null for flow 'flow' (k is the descent iterate; only descent dynamics have one); restrict the check with checks[0].dynamics",
            MeasuredError("t*k"));
        string eta = Error(ScalarEnv(2), ("id", "x"), ("dynamics", new[] { "descent", "flow" }), ("kind", "upper"), ("measured", "loss"), ("bound", "1/eta"));
        Assert.Equal("checks[0].bound: variable 'eta' at position 3 is null for flow 'flow' (the plain flow has no step size); restrict the check with checks[0].dynamics", eta);
        One(ScalarEnv(2), ("id", "x"), ("dynamics", new[] { "descent", "modified-flow" }), ("kind", "upper"), ("measured", "loss"), ("bound", "1/eta"));
        One(ScalarEnv(2), ("id", "x"), ("dynamics", "descent"), ("kind", "upper"), ("measured", "k"), ("bound", "t/eta + 1"));
    }

    [Fact]
    public void OtherDynamics_AreQualifiedNames()
    {
        var check = One(ScalarEnv(2), ("id", "below"), ("dynamics", "descent"), ("kind", "upper"), ("measured", "loss"), ("bound", "flow.loss + 0*modified_flow.sv1_0"));
        Assert.Equal(["flow", "modified-flow"], check.ReferencedDynamics);
        Assert.Equal(["loss", "singular-values"], check.Metrics);
        Assert.Equal("checks[0].measured: unknown variable 'flow.lss' at position 1 (did you mean 'flow.loss'?)", MeasuredError("flow.lss"));
        Assert.StartsWith("checks[0].measured: member access ('.') at position 5 is not allowed", MeasuredError("flwo.loss"));
    }

    [Fact]
    public void ValidationAndLibraryAgree_OnSeededRandomExpressions()
    {
        // Every expression the validation accepts must build in the library (which runs later, off the error path),
        // and evaluate to the same number as a direct C# evaluation of the same expression tree would.
        string[] tokens = ["loss", "t", "sv1", "alpha", "2", "0.5", "1e-3", ".25", "exp", "pow", "min", "(", ")", ",", "+", "-", "*", "/", " "];
        var rng = new Random(17);
        int accepted = 0;
        for (int n = 0; n < 4000; n++)
        {
            var text = string.Concat(Enumerable.Range(0, rng.Next(1, 12)).Select(_ => tokens[rng.Next(tokens.Length)]));
            CheckExpression e;
            try { e = CheckExpression.Parse(text, ScalarEnv(2)); }
            catch (CheckExpressionException) { continue; }
            accepted++;
            var ex = Record.Exception(() => e.Evaluate(new double[ScalarEnv(2).Variables.Count]));
            Assert.True(ex is null, $"'{text}': validated but the library says {ex?.Message}");
        }
        Assert.True(accepted > 200, $"only {accepted} of 4000 random texts were valid");
    }
}
