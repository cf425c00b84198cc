using System.Globalization;
using FlowSim.Linalg;
using FlowSim.Randomness;

namespace FlowSim.Models;

/// <summary>
/// Checks an objective's derivatives against central finite differences — the test to run first on a model of your
/// own: <c>ObjectiveChecks.Run(model, theta).EnsurePassed()</c>. Each check returns an <see cref="ObjectiveCheck"/>
/// (largest relative error, where, pass or fail at a tolerance).
/// </summary>
/// <remarks>
/// The references share no code with the objective's derivatives: the gradient is compared with
/// (L(θ + hᵢeᵢ) − L(θ − hᵢeᵢ)) / 2hᵢ, hᵢ = step·max(1, |θᵢ|), and the Hessian-vector product with
/// (∇L(θ + sv) − ∇L(θ − sv)) / 2s, s = step·max(1, ‖θ‖∞)/‖v‖∞ (the largest coordinate moves by step·max(1, ‖θ‖∞)).
/// Both are second-order accurate; with the default step their error is about 1e-10 relative for well-scaled models,
/// far below the default tolerance and far above a wrong sign, factor or transpose. The checks allocate and cost
/// 2·ParameterCount loss evaluations (gradient) or two gradients (Hessian-vector product): run them on small sizes.
/// </remarks>
public static class ObjectiveChecks
{
    /// <summary>Default bound on the largest relative error (see <see cref="ObjectiveCheck"/>).</summary>
    public const double DefaultTolerance = 1e-6;

    /// <summary>Default finite-difference step, relative to max(1, |θᵢ|): near ε^(1/3), where the truncation and
    /// rounding errors of a central difference balance.</summary>
    public const double DefaultStep = 1e-5;

    /// <summary>∇L(θ) from <see cref="IObjective.Gradient"/> against central differences of <see cref="IObjective.Loss"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="objective"/> is null.</exception>
    /// <exception cref="ArgumentException">θ has the wrong length or a non-finite entry, or the tolerance or step is not
    /// finite and &gt; 0 (the message names which).</exception>
    public static ObjectiveCheck Gradient(IObjective objective, ReadOnlySpan<double> theta, double tolerance = DefaultTolerance,
        double step = DefaultStep)
    {
        CheckArguments(objective, theta, tolerance, step);
        int n = objective.ParameterCount;
        var gradient = new double[n];
        objective.Gradient(theta, gradient);
        var reference = new double[n];
        var t = theta.ToArray();
        for (int i = 0; i < n; i++)
        {
            double original = t[i], h = step * Math.Max(1, Math.Abs(original));
            double plus = original + h, minus = original - h;
            t[i] = plus;
            double lossPlus = objective.Loss(t);
            t[i] = minus;
            double lossMinus = objective.Loss(t);
            t[i] = original;
            // Divide by the representable step plus − minus, not 2h: θᵢ ± h rounds.
            reference[i] = (lossPlus - lossMinus) / (plus - minus);
        }
        return ObjectiveCheck.Compare("gradient", Invariant($"central differences of the loss, step {step:G3}"),
            gradient, reference, tolerance, i => Locate(objective, i));
    }

    /// <summary>∇²L(θ)·v from <see cref="IHessianVectorProduct.HessianVectorProduct"/> against central differences of
    /// the gradient along v.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="objective"/> is null.</exception>
    /// <exception cref="ArgumentException">θ or v has the wrong length or a non-finite entry, v is zero, or the tolerance
    /// or step is not finite and &gt; 0 (the message names which).</exception>
    public static ObjectiveCheck HessianVectorProduct(IHessianVectorProduct objective, ReadOnlySpan<double> theta, ReadOnlySpan<double> direction,
        double tolerance = DefaultTolerance, double step = DefaultStep)
    {
        CheckArguments(objective, theta, tolerance, step);
        int n = objective.ParameterCount;
        CheckVector(objective, direction, nameof(direction));
        double directionMax = LinearAlgebra.MaxAbs(direction);
        if (directionMax == 0) throw new ArgumentException("direction: must not be the zero vector.", nameof(direction));
        var product = new double[n];
        objective.HessianVectorProduct(theta, direction, product);
        double s = step * Math.Max(1, LinearAlgebra.MaxAbs(theta)) / directionMax;
        var plus = new double[n];
        var minus = new double[n];
        for (int i = 0; i < n; i++)
        {
            plus[i] = theta[i] + s * direction[i];
            minus[i] = theta[i] - s * direction[i];
        }
        var gradientPlus = new double[n];
        var gradientMinus = new double[n];
        objective.Gradient(plus, gradientPlus);
        objective.Gradient(minus, gradientMinus);
        var reference = new double[n];
        for (int i = 0; i < n; i++) reference[i] = (gradientPlus[i] - gradientMinus[i]) / (2 * s);
        return ObjectiveCheck.Compare("Hessian-vector product", Invariant($"central differences of the gradient along v, step {step:G3}"),
            product, reference, tolerance, i => Locate(objective, i));
    }

    /// <summary>
    /// Every check that applies to <paramref name="objective"/> at θ: the gradient against finite differences; the loss
    /// <see cref="IObjective.Gradient"/> returns against <see cref="IObjective.Loss"/>; <see cref="IObjective.ScaledGradient"/>
    /// (which the gradient flow calls) against −1·∇L; and, when the objective implements
    /// <see cref="IHessianVectorProduct"/>, the product along a Gaussian direction drawn from <paramref name="seed"/>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="objective"/> is null.</exception>
    /// <exception cref="ArgumentException">As for <see cref="Gradient"/>.</exception>
    public static ObjectiveCheckReport Run(IObjective objective, ReadOnlySpan<double> theta, double tolerance = DefaultTolerance,
        double step = DefaultStep, ulong seed = 1)
    {
        var checks = new List<ObjectiveCheck> { Gradient(objective, theta, tolerance, step) };
        int n = objective.ParameterCount;
        var gradient = new double[n];
        double loss = objective.Gradient(theta, gradient);
        checks.Add(ObjectiveCheck.Compare("loss returned by Gradient", "Loss(θ)", [loss], [objective.Loss(theta)], tolerance, _ => "L"));
        var scaled = new double[n];
        objective.ScaledGradient(theta, -1.0, scaled);
        for (int i = 0; i < n; i++) gradient[i] = -gradient[i];
        checks.Add(ObjectiveCheck.Compare("ScaledGradient(θ, −1)", "−1 × Gradient(θ)", scaled, gradient, tolerance, i => Locate(objective, i)));
        if (objective is IHessianVectorProduct hvp)
        {
            var direction = new double[n];
            new Xoshiro256StarStar(seed).FillNormal(direction);
            if (n > 0) checks.Add(HessianVectorProduct(hvp, theta, direction, tolerance, step));
        }
        return new ObjectiveCheckReport(objective.Name, checks);
    }

    /// <summary>Names entry i of θ: "W2[1, 0]" inside a factor of a factorised objective, else "θ[i]".</summary>
    private static string Locate(IObjective objective, int i)
    {
        if (objective is IFactorizedObjective factorized)
            foreach (var f in factorized.Factors)
                if (i >= f.Offset && i < f.Offset + f.Length)
                    return Invariant($"{f.Name}[{(i - f.Offset) % f.Rows}, {(i - f.Offset) / f.Rows}] (θ[{i}])");
        return Invariant($"θ[{i}]");
    }

    private static void CheckArguments(IObjective objective, ReadOnlySpan<double> theta, double tolerance, double step)
    {
        ArgumentNullException.ThrowIfNull(objective);
        CheckVector(objective, theta, nameof(theta));
        if (!(tolerance > 0) || !double.IsFinite(tolerance))
            throw new ArgumentException(Invariant($"tolerance: must be finite and > 0 (got {tolerance})."), nameof(tolerance));
        if (!(step > 0) || !double.IsFinite(step))
            throw new ArgumentException(Invariant($"step: must be finite and > 0 (got {step})."), nameof(step));
    }

    private static void CheckVector(IObjective objective, ReadOnlySpan<double> x, string name)
    {
        if (x.Length != objective.ParameterCount)
            throw new ArgumentException($"{name}: has {x.Length} entries, the objective '{objective.Name}' has {objective.ParameterCount} parameters.", name);
        for (int i = 0; i < x.Length; i++)
            if (!double.IsFinite(x[i])) throw new ArgumentException(Invariant($"{name}[{i}]: must be finite (got {x[i]})."), name);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
