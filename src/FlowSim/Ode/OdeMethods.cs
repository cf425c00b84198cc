namespace FlowSim.Ode;

/// <summary>The methods by the names users type (CLI, scenario files).</summary>
public static class OdeMethods
{
    private static readonly Dictionary<string, Func<OdeAlgorithm>> Factories = new(StringComparer.OrdinalIgnoreCase)
    {
        ["dp5"] = () => new DormandPrince54(),
        ["euler"] = () => new ExplicitEuler(),
        ["rk4"] = () => new RungeKutta4(),
        ["bs3"] = () => new BogackiShampine32(),
        ["dop853"] = () => new DormandPrince853(),
        ["vern9"] = () => new Verner98(),
        ["rodas5"] = () => new Rodas5(),
        ["rodas5p"] = () => new Rodas5P(),
        ["radau5"] = () => new RadauIIA5(),
        ["radau9"] = () => new RadauIIA9(),
        ["bdf"] = () => new Bdf(),
    };

    /// <summary>Every registered name, plus <c>auto</c>.</summary>
    public static IReadOnlyList<string> Names => [.. Factories.Keys.Order(StringComparer.Ordinal), "auto"];

    /// <summary>Creates the method of that name; <c>auto</c> picks one from the problem.</summary>
    /// <exception cref="ArgumentException">Unknown name; the message lists the valid ones and the nearest.</exception>
    public static OdeAlgorithm Create(string name, OdeProblem? problem = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Equals("auto", StringComparison.OrdinalIgnoreCase)) return Auto(problem);
        if (Factories.TryGetValue(name, out var f)) return f();
        string nearest = Names.OrderBy(n => Levenshtein(n, name.ToLowerInvariant())).First();
        throw new ArgumentException($"method: unknown method '{name}' (did you mean '{nearest}'? valid: {string.Join(", ", Names)}).", nameof(name));
    }

    /// <summary><c>auto</c>: <see cref="AutoSwitch"/> — dp5 that switches to radau5 when it detects stiffness, or radau5 from
    /// the start on a problem marked <see cref="OdeProblem.IsStiff"/>.</summary>
    private static OdeAlgorithm Auto(OdeProblem? problem) => new AutoSwitch();

    internal static int Levenshtein(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
            for (int j = 1; j <= b.Length; j++)
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
        return d[a.Length, b.Length];
    }
}
