using System.Collections;
using System.Globalization;
using System.Reflection;

namespace FlowSim.Theory;

/// <summary>The name a property of a claim's parameters record is reported under when it is not the property name ("K (steps)").</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ParameterAttribute(string name) : Attribute
{
    /// <summary>The name as the report shows it.</summary>
    public string Name { get; } = name;
}

/// <summary>The value types a claim parameter may take, and their invariant text form for reports.</summary>
public static class ParameterValues
{
    /// <summary>True for numbers, bools, strings, and arrays/lists of numbers or strings.</summary>
    public static bool IsSupported(object? value) => value switch
    {
        null => false,
        string or bool => true,
        _ when IsNumber(value) => true,
        IEnumerable e => e.Cast<object?>().All(x => x is string || (x is not null && IsNumber(x))),
        _ => false,
    };

    /// <summary>
    /// The public instance properties of <paramref name="parameters"/> in declaration order, each under its
    /// <see cref="ParameterAttribute"/> name or else its property name, as a claim records them.
    /// </summary>
    public static IEnumerable<KeyValuePair<string, object>> Of(object parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return parameters.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0)
            .OrderBy(p => p.MetadataToken)
            .Select(p => new KeyValuePair<string, object>(p.GetCustomAttribute<ParameterAttribute>()?.Name ?? p.Name, p.GetValue(parameters)!));
    }

    /// <summary>True for the built-in integer and floating-point types.</summary>
    public static bool IsNumber(object value) =>
        value is double or float or int or long or short or byte or sbyte or uint or ulong or ushort or decimal;

    /// <summary>Invariant text: shortest round-trip for doubles, "[a, b, c]" for arrays, "true"/"false".</summary>
    public static string Format(object value) => value switch
    {
        string s => s,
        bool b => b ? "true" : "false",
        double d => FormatDouble(d),
        float f => FormatDouble(f),
        IFormattable n when IsNumber(value) => n.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable e => "[" + string.Join(", ", e.Cast<object>().Select(Format)) + "]",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>Shortest round-trip text of a double; "NaN", "Infinity", "-Infinity" for non-finite values.</summary>
    public static string FormatDouble(double d) =>
        double.IsNaN(d) ? "NaN" : double.IsPositiveInfinity(d) ? "Infinity" : double.IsNegativeInfinity(d) ? "-Infinity"
        : d.ToString("R", CultureInfo.InvariantCulture);
}
