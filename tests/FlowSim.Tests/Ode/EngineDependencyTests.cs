using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;
using FlowSim.Ode;
using FlowSim.Theory;
using Xunit;

namespace FlowSim.Tests.Ode;

/// <summary>
/// The layers as the README's architecture section draws them, read from the compiled code (signatures, fields, base
/// types and every member a method body touches): the engine knows no matrices, models or claims; the worker pool does
/// not depend on the linear-algebra layer that uses it; the vector kernels depend on nothing of FlowSim; models know no
/// integrators; the sharpness measurements sit below the dynamics; claims and scenarios are consumers, never used below.
/// The claims are their own assembly above the core (FlowSim.Theory), which the core neither references nor opens its
/// internals to; only the verdict vocabulary they share with scenario checks stays in the core.
/// </summary>
public class EngineDependencyTests
{
    private static readonly Assembly Core = typeof(OdeProblem).Assembly;
    private static readonly Assembly Claims = typeof(Claim).Assembly;

    [Theory]
    [InlineData("FlowSim.Ode", new[] { "FlowSim.Linalg", "FlowSim.Models", "FlowSim.Dynamics", "FlowSim.Theory", "FlowSim.Scenarios", "FlowSim.OdeSuite" })]
    [InlineData("FlowSim.Threading", new[] { "FlowSim.Linalg", "FlowSim.Ode", "FlowSim.Models", "FlowSim.Dynamics" })]
    [InlineData("FlowSim.Kernels", new[] { "FlowSim.Linalg", "FlowSim.Ode", "FlowSim.Threading", "FlowSim.Models", "FlowSim.Dynamics" })]
    [InlineData("FlowSim.Linalg", new[] { "FlowSim.Ode", "FlowSim.Models", "FlowSim.Dynamics", "FlowSim.Theory", "FlowSim.Scenarios" })]
    [InlineData("FlowSim.Models", new[] { "FlowSim.Ode", "FlowSim.Dynamics", "FlowSim.Analysis", "FlowSim.Theory", "FlowSim.Scenarios" })]
    [InlineData("FlowSim.Analysis.Sharpness", new[] { "FlowSim.Ode", "FlowSim.Dynamics", "FlowSim.Theory", "FlowSim.Scenarios" })]
    [InlineData("FlowSim.Dynamics", new[] { "FlowSim.Theory", "FlowSim.Scenarios", "FlowSim.OdeSuite" })]
    [InlineData("FlowSim.Theory", new[] { "FlowSim.Scenarios", "FlowSim.OdeSuite" })]
    public void Namespace_DoesNotReach(string from, string[] forbidden)
    {
        var offending = new SortedSet<string>();
        foreach (var type in Core.GetTypes().Concat(Claims.GetTypes()).Where(t => InNamespace(t, from)))
            foreach (var used in UsedTypes(type))
                if (forbidden.Any(f => InNamespace(used, f))) offending.Add($"{type.FullName} → {used.FullName}");
        Assert.True(offending.Count == 0, string.Join("\n", offending));
    }

    [Fact]
    public void TheScanFindsAKnownDependency()
    {
        // Guard against a scan that sees nothing: the explicit stepper uses the worker pool through StageSum.
        var used = UsedTypes(Core.GetType("FlowSim.Ode.StageSum")!).ToList();
        Assert.Contains(used, t => t.FullName == "FlowSim.Threading.WorkerPool");
        Assert.Contains(used, t => t.FullName == "FlowSim.Kernels.VectorKernels");
    }

    [Fact]
    public void TheCoreKnowsNoClaims_AndKeepsOnlyTheVerdictVocabulary()
    {
        Assert.NotSame(Core, Claims);
        Assert.Contains(Claims.GetReferencedAssemblies(), a => a.Name == Core.GetName().Name);   // the check below can see a reference
        Assert.DoesNotContain(Core.GetReferencedAssemblies(), a => a.Name == Claims.GetName().Name);
        // Claims use only the public API: the core opens its internals to its tests alone.
        Assert.Equal(["FlowSim.Tests"], Core.GetCustomAttributes<InternalsVisibleToAttribute>().Select(a => a.AssemblyName));
        // The one verdict and margin rule, shared by claims and scenario checks, stays in the core; nothing else of Theory does.
        var coreTheory = Core.GetExportedTypes().Where(t => InNamespace(t, "FlowSim.Theory")).Select(t => t.Name).Order();
        Assert.Equal(["BoundDirection", "ClaimOutcome", "Verdict", "VerdictExtensions"], coreTheory);
        Assert.DoesNotContain(Core.GetTypes(), t => t.Name.Contains("Claim", StringComparison.Ordinal) && t != typeof(ClaimOutcome));
    }

    private static bool InNamespace(Type t, string ns) =>
        t.Namespace is { } n && (n == ns || n.StartsWith(ns + ".", StringComparison.Ordinal));

    private static IEnumerable<Type> UsedTypes(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        if (type.BaseType is { } b) yield return b;
        foreach (var i in type.GetInterfaces()) yield return i;
        foreach (var f in type.GetFields(all)) yield return f.FieldType;
        foreach (var m in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
        {
            if (m is MethodInfo mi) yield return mi.ReturnType;
            foreach (var p in m.GetParameters()) yield return p.ParameterType;
            foreach (var t in BodyTypes(m)) yield return t;
        }
    }

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    /// <summary>Types of the members, types and signatures a method body refers to by metadata token.</summary>
    private static IEnumerable<Type> BodyTypes(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null) yield break;
        var module = method.Module;
        Type[]? typeArgs = method.DeclaringType is { IsGenericType: true } dt ? dt.GetGenericArguments() : null;
        Type[]? methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : null;
        int pos = 0;
        while (pos < il.Length)
        {
            short value = il[pos] == 0xFE ? (short)(0xFE00 | il[pos + 1]) : il[pos];
            pos += il[pos] == 0xFE ? 2 : 1;
            var op = OpCodesByValue[value];
            int size = op.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, pos),
                _ => 4,
            };
            if (op.OperandType is OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok)
            {
                int token = BitConverter.ToInt32(il, pos);
                Type? found = null;
                try
                {
                    var member = module.ResolveMember(token, typeArgs, methodArgs);
                    found = member switch { Type t => t, _ => member?.DeclaringType };
                }
                catch (ArgumentException) { }
                if (found is not null) yield return found;
            }
            pos += size;
        }
    }
}
