namespace FlowSim.Scenarios;

/// <summary>Turns a validated <see cref="Scenario"/> back into a node tree with every default written out: the
/// "resolved scenario" stored with each run, which <see cref="ScenarioParser"/> reads back to the same scenario.</summary>
public static class ScenarioWriter
{
    /// <summary>The resolved scenario as a node tree (fields in schema order).</summary>
    public static ScenarioNode ToNode(Scenario s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var model = ScenarioNode.Mapping().Set("type", ScenarioNode.String(s.Model.Type));
        if (s.Model.IsTwoFactor)
        {
            model.Set("rows", Int(s.Model.Rows)).Set("columns", Int(s.Model.Columns)).Set("hidden", Int(s.Model.Hidden));
            if (s.Model.Type == ModelTypes.MatrixSensing) model.Set("measurements", Int(s.Model.Measurements));
        }
        else
        {
            if (s.Model.Type == ModelTypes.DeepFactorization) model.Set("size", Int(s.Model.Rows));
            model.Set("depth", Int(s.Model.Depth));
        }
        var target = ScenarioNode.Mapping();
        if (s.Target.File is { } file) target.Set("file", ScenarioNode.String(file));
        else target.Set(s.Target.Kind, List(s.Target.Values!));

        var init = ScenarioNode.Mapping().Set("type", ScenarioNode.String(s.Initialization.Type));
        switch (s.Initialization.Type)
        {
            case "identical": init.Set("alpha", ScenarioNode.Number(s.Initialization.Alpha)); break;
            case "perturbed-identical":
                init.Set("alpha", ScenarioNode.Number(s.Initialization.Alpha)).Set("beta", ScenarioNode.Number(s.Initialization.Beta))
                    .Set("factor", Int(s.Initialization.Factor));
                break;
            default: init.Set("scale", ScenarioNode.Number(s.Initialization.Scale)); break;
        }

        var dyn = ScenarioNode.Sequence();
        foreach (var d in s.Dynamics)
        {
            var n = ScenarioNode.Mapping().Set("type", ScenarioNode.String(d.Type)).Set("name", ScenarioNode.String(d.Name));
            if (d.IsOde)
                n.Set("method", ScenarioNode.String(d.Method!)).Set("rtol", ScenarioNode.Number(d.RelTol)).Set("atol", ScenarioNode.Number(d.AbsTol));
            if (d.Eta > 0) n.Set("eta", ScenarioNode.Number(d.Eta));
            if (d.Steps > 0) n.Set("steps", Int(d.Steps));
            if (d.Eigenvalues > 0) n.Set("eigenvalues", Int(d.Eigenvalues));
            dyn.Items.Add(n);
        }

        var record = ScenarioNode.Mapping();
        if (s.Record.Times is { } times) record.Set("times", List(times));
        else if (s.Record.Every > 0) record.Set("every", Int(s.Record.Every));
        else record.Set("points", Int(s.Record.Points));
        var metrics = ScenarioNode.Sequence();
        foreach (var m in s.Record.Metrics) metrics.Items.Add(ScenarioNode.String(m));
        record.Set("metrics", metrics);

        var stop = ScenarioNode.Mapping().Set("t_end", ScenarioNode.Number(s.Stop.TEnd))
            .Set("loss_below", ScenarioNode.Number(s.Stop.LossBelow)).Set("max_steps", Int(s.Stop.MaxSteps));

        var root = ScenarioNode.Mapping().Set("model", model).Set("target", target).Set("initialization", init)
            .Set("dynamics", dyn).Set("record", record).Set("stop", stop);
        if (s.Checks.Count > 0) root.Set(Checks.ScenarioChecks.Key, Checks.ScenarioChecks.ToNode(s.Checks));
        return root.Set("seed", ScenarioNode.Scalar(s.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static ScenarioNode Int(long v) => ScenarioNode.Scalar(v.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static ScenarioNode List(IEnumerable<double> values)
    {
        var seq = ScenarioNode.Sequence();
        foreach (var v in values) seq.Items.Add(ScenarioNode.Number(v));
        return seq;
    }
}
