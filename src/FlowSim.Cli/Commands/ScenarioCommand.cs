using System.CommandLine;
using FlowSim.Cli.Scenarios;
using FlowSim.Reports;
using FlowSim.Scenarios;

namespace FlowSim.Cli.Commands;

/// <summary><c>flowsim scenario --schema</c> prints the documented schema; <c>flowsim scenario FILE</c> validates a file
/// and prints the resolved scenario (defaults filled in) as JSON.</summary>
public sealed class ScenarioCommand : ICliCommand
{
    /// <inheritdoc/>
    public Command Build()
    {
        var file = new Argument<string?>("scenario") { Description = "Scenario file to validate.", Arity = ArgumentArity.ZeroOrOne };
        var schema = new Option<bool>("--schema") { Description = "Print the scenario schema: fields, types, defaults, meaning." };
        var seed = CommonOptions.Seed();
        var strict = CommonOptions.Strict();
        var maxMemory = CommonOptions.MaxMemory();
        var cmd = new Command("scenario", "Print the scenario schema, or validate a scenario and print it with defaults filled in.");
        cmd.Arguments.Add(file);
        foreach (var o in new Option[] { schema, seed, strict, maxMemory }) cmd.Options.Add(o);
        cmd.SetAction(parse =>
        {
            if (parse.GetValue(schema))
            {
                Console.Write(ScenarioSchema.Describe());
                return 0;
            }
            string path = parse.GetValue(file) ?? throw new CliUsageException("scenario: give a scenario file to validate, or --schema");
            var loaded = ScenarioLoader.Load(path, CommonOptions.SeedValue(parse.GetValue(seed)), parse.GetValue(strict),
                maxMemoryBytes: CommonOptions.MaxMemoryValue(parse.GetValue(maxMemory)));
            foreach (var w in loaded.Warnings) Console.Error.WriteLine($"flowsim: {w}");
            Console.Write(FlowSimJson.ToText(ScenarioWriter.ToNode(loaded.Scenario)));
            return 0;
        });
        return cmd;
    }
}
