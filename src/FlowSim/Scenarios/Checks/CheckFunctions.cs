using System.Reflection;

namespace FlowSim.Scenarios.Checks;

/// <summary>
/// The only functions a check expression may call: <c>exp</c>, <c>log</c> (natural), <c>sqrt</c>, <c>abs</c>,
/// <c>min</c>, <c>max</c>, <c>pow</c>, each a <see cref="Math"/> method on doubles.
/// </summary>
public static class CheckFunctions
{
    /// <summary>One allowed function: its name in expressions, its number of arguments and the method it calls.</summary>
    /// <param name="Name">Name in expressions.</param>
    /// <param name="Arity">Number of arguments.</param>
    /// <param name="Function">The delegate registered with the expression parser (compiled as a direct call of its method).</param>
    public sealed record Entry(string Name, int Arity, Delegate Function)
    {
        /// <summary>The <see cref="Math"/> method.</summary>
        public MethodInfo Method => Function.Method;
        /// <summary>How it is written, e.g. <c>pow(x, y)</c>.</summary>
        public string Usage => Arity == 1 ? $"{Name}(x)" : $"{Name}(x, y)";
    }

    /// <summary>The allowed functions, in documentation order.</summary>
    public static readonly IReadOnlyList<Entry> All =
    [
        new("exp", 1, (Func<double, double>)Math.Exp),
        new("log", 1, (Func<double, double>)Math.Log),
        new("sqrt", 1, (Func<double, double>)Math.Sqrt),
        new("abs", 1, (Func<double, double>)Math.Abs),
        new("min", 2, (Func<double, double, double>)Math.Min),
        new("max", 2, (Func<double, double, double>)Math.Max),
        new("pow", 2, (Func<double, double, double>)Math.Pow),
    ];

    /// <summary>The names, comma-separated (for messages).</summary>
    public static string NameList => string.Join(", ", All.Select(f => f.Name));

    /// <summary>The function called <paramref name="name"/>, or null.</summary>
    public static Entry? Find(string name)
    {
        foreach (var f in All) if (f.Name == name) return f;
        return null;
    }
}
