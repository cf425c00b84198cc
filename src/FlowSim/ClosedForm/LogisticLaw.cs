using System.Globalization;

namespace FlowSim.ClosedForm;

/// <summary>
/// The symmetric Ye–Du flow for one eigen-direction, s' = 2s(σ − s): s(t) = σe^{2σt}/(e^{2σt} − 1 + σ/s0)
/// (THEORY §2.3), the comparison curves (8) and the stage-1 time (9) of §2.6.
/// </summary>
public static class LogisticLaw
{
    /// <summary>s(t) = σe^{2σt}/(e^{2σt} − 1 + σ/s0), for σ &gt; 0, s0 &gt; 0, t ≥ 0.</summary>
    public static double S(double sigma, double s0, double t)
    {
        ScalarArguments.Positive(sigma, nameof(sigma));
        ScalarArguments.Positive(s0, nameof(s0));
        ScalarArguments.NonNegative(t, nameof(t));
        // Divided through by e^{2σt}: no overflow for large t.
        return sigma / (1 + (sigma / s0 - 1) * Math.Exp(-2 * sigma * t));
    }

    /// <summary>Time at which s reaches <paramref name="s"/> (between s0 and σ): ln[s(σ − s0)/(s0(σ − s))]/(2σ).</summary>
    public static double Time(double sigma, double s0, double s)
    {
        ScalarArguments.Positive(sigma, nameof(sigma));
        ScalarArguments.Positive(s0, nameof(s0));
        ScalarArguments.Positive(s, nameof(s));
        return Math.Log(s * (sigma - s0) / (s0 * (sigma - s))) / (2 * sigma);
    }

    /// <summary>Upper curve a_1²(t) of Lemma 5: the logistic law with σ = σ_1 and s0 = c²dε².</summary>
    public static double UpperCurve(double sigma1, int dimension, double c, double epsilon, double t)
    {
        if (dimension < 1) throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"dimension: must be at least 1 (got {dimension})."), nameof(dimension));
        ScalarArguments.Positive(c, nameof(c));
        ScalarArguments.Positive(epsilon, nameof(epsilon));
        return S(sigma1, c * c * dimension * epsilon * epsilon, t);
    }

    /// <summary>Lower curve (8) a_i²(t): the logistic law with σ = σ_i and s0 = ε²/(c²d).</summary>
    public static double LowerCurve(double sigma, int dimension, double c, double epsilon, double t)
    {
        if (dimension < 1) throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"dimension: must be at least 1 (got {dimension})."), nameof(dimension));
        ScalarArguments.Positive(c, nameof(c));
        ScalarArguments.Positive(epsilon, nameof(epsilon));
        return S(sigma, epsilon * epsilon / (c * c * dimension), t);
    }

    /// <summary>
    /// Stage-1 end time (9): t_1 = [ln(σ_1/(c²dε²) − 1) + ln(αq/(1 − αq))]/(2σ_1), q = σ_d/σ_1, the time at which the upper
    /// curve a_1² reaches α·σ_d.
    /// </summary>
    /// <exception cref="ArgumentException">σ_d &gt; σ_1, αq ≥ 1, or the start c²dε² is not below σ_1.</exception>
    public static double StageOneTime(double sigma1, double sigmaD, int dimension, double c, double epsilon, double alpha)
    {
        ScalarArguments.Positive(sigma1, nameof(sigma1));
        ScalarArguments.Positive(sigmaD, nameof(sigmaD));
        ScalarArguments.Positive(alpha, nameof(alpha));
        ScalarArguments.Positive(c, nameof(c));
        ScalarArguments.Positive(epsilon, nameof(epsilon));
        if (dimension < 1) throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"dimension: must be at least 1 (got {dimension})."), nameof(dimension));
        if (sigmaD > sigma1) throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"sigmaD: must not exceed sigma1 ({sigmaD} > {sigma1})."), nameof(sigmaD));
        double q = sigmaD / sigma1, aq = alpha * q, s0 = c * c * dimension * epsilon * epsilon;
        if (aq >= 1) throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"alpha: α·σ_d/σ_1 must be below 1 (got {aq})."), nameof(alpha));
        if (s0 >= sigma1) throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"epsilon: c²dε² = {s0} must be below σ_1 = {sigma1}."), nameof(epsilon));
        return (Math.Log(sigma1 / s0 - 1) + Math.Log(aq / (1 - aq))) / (2 * sigma1);
    }
}
