using FlowSim.Ode;

namespace FlowSim.Scenarios;

/// <summary>The <c>dynamics:</c> list of a scenario: type, method and tolerances, η, steps, tracked eigenvalues, unique names.</summary>
internal static class ScenarioDynamicsParser
{
    public static List<DynamicsSpec>? Parse(NodeFields top, List<ScenarioError> errors, ModelSpec? model, StopSpec? stop)
    {
        var list = top.Raw("dynamics");
        if (list is null) { top.Error("dynamics", "is required (a list with at least one item)"); return null; }
        if (list.Kind != ScenarioNodeKind.Sequence || list.Items.Count == 0)
        {
            top.Error("dynamics", $"expected a non-empty list (got {(list.Kind == ScenarioNodeKind.Sequence ? "an empty list" : NodeFields.Describe(list))})", list.Line);
            return null;
        }
        int count = errors.Count;
        var result = new List<DynamicsSpec>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (i, path, item) in NodeFields.MappingItems(list, "dynamics", "a type", errors))
        {
            var f = new NodeFields(item, path, errors, "dynamics[]");
            if (!f.Has("type")) { f.Error("type", "is required"); continue; }
            string? type = f.Choice("type", DynamicsTypes.All);
            if (type is null) continue;
            bool ode = type != DynamicsTypes.Descent, needsEta = type != DynamicsTypes.Flow;
            bool hasSteps = type is DynamicsTypes.Descent or DynamicsTypes.PerturbedFlow;

            string? method = null;
            double rtol = f.Number("rtol") ?? 1e-8, atol = f.Number("atol") ?? 1e-10;
            if (ode)
            {
                // The central flow's right-hand side holds eigensolves: an explicit method, not auto's stiffness switch.
                method = f.Has("method") ? f.Choice("method", ScenarioParser.FlowMethods) : type == DynamicsTypes.CentralFlow ? "dop853" : "auto";
                if (!(rtol >= OdeOptions.MinimumRelativeTolerance) || !double.IsFinite(rtol) || rtol >= 1)
                    f.Error("rtol", $"must lie in [{OdeOptions.MinimumRelativeTolerance.ToString("G3", System.Globalization.CultureInfo.InvariantCulture)}, 1) (got {ScenarioParser.Fmt(rtol)})");
                f.FinitePositive("atol", atol);
            }
            else f.Reject("does not apply to descent", "method", "rtol", "atol");

            double eta = 0;
            if (needsEta)
            {
                double? e = f.Number("eta");
                if (e is null && !f.Has("eta")) f.Error("eta", $"is required for {type}");
                else if (e is { } ev && (!(ev > 0) || !double.IsFinite(ev))) f.Error("eta", $"must be > 0 (got {f.Raw("eta")!.Text})");
                else if (e is { } ok) eta = ok;
            }
            else f.Reject("does not apply to flow (use descent or modified-flow)", "eta");

            int steps = 0;
            if (hasSteps)
            {
                long? s = f.Integer("steps", 1, stop?.MaxSteps ?? 1_000_000_000);
                if (s is not null) steps = (int)s;
                else if (!f.Has("steps") && eta > 0 && stop is not null)
                    steps = (int)Math.Clamp(Math.Ceiling(stop.TEnd / eta), 1, stop.MaxSteps);
            }
            else f.Reject($"does not apply to {type} (it runs to stop.t_end)", "steps");

            int eigenvalues = Eigenvalues(f, type, model);
            if (type == DynamicsTypes.PerturbedFlow && model is not null && model.Type != ModelTypes.MatrixSensing)
                f.Error("type", $"perturbed-flow needs model type matrix-sensing (got {model.Type})");

            string name = f.Text("name") ?? (names.Contains(type) ? $"{type}-{i + 1}" : type);
            if (name.Length == 0 || name.Any(c => char.IsControl(c) || c is ',' or '"'))
                f.Error("name", "must be non-empty without commas, quotes or control characters");
            else if (!names.Add(name)) f.Error("name", $"'{name}' is used by an earlier dynamics");
            result.Add(new DynamicsSpec(type, name, method, ode ? rtol : 0, ode ? atol : 0, eta, steps, eigenvalues));
        }
        return errors.Count > count ? null : result;
    }

    // dynamics[].eigenvalues: the central flow's tracked eigenvalues, 1 … 16 and at most the parameter count.
    private static int Eigenvalues(NodeFields f, string type, ModelSpec? model)
    {
        if (type != DynamicsTypes.CentralFlow)
        {
            f.Reject($"does not apply to {type} (only to central-flow)", "eigenvalues");
            return 0;
        }
        int k = (int)(f.Integer("eigenvalues", 1, 16) ?? 1);
        long parameters = model is null ? long.MaxValue : ScenarioMemory.Parameters(model);
        if (k > parameters) f.Error("eigenvalues", $"{k} tracked eigenvalues exceed the model's {parameters} parameters");
        return k;
    }
}
