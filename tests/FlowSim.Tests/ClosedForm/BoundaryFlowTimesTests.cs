using System.Globalization;
using FlowSim.ClosedForm;
using FlowSim.Dynamics.Scalar;
using Xunit;

namespace FlowSim.Tests.ClosedForm;

/// <summary>
/// Valid boundary input of the flow times (issue 16): λ = 0 (x → 0, explicit time) and α^N = ε, where the computed
/// α^N lies a rounding above ε (0.1³ = 0.0010000000000000002) and t_ε used to throw "x: … is not strictly between α
/// and the fixed point (Parameter 'x')" instead of returning 0. Checked against event location on the integrated flow.
/// </summary>
public class BoundaryFlowTimesTests
{
    [Theory]
    [InlineData(3, 0.1, 1e-3)]   // α³ = ε up to rounding
    [InlineData(4, 0.1, 1e-4)]   // α⁴ = ε up to rounding
    [InlineData(2, 0.5, 0.25)]   // α² = ε exactly
    [InlineData(1, 0.001, 1e-3)] // N = 1: α = λ + ε
    public void AlphaToTheN_EqualToEpsilon_IsReachedAtTimeZero(int n, double alpha, double eps) =>
        Assert.Equal(0.0, FlowTimes.TimeToEpsilon(n, 0, alpha, eps));

    [Theory]
    [InlineData(3, 0.1, 1e-4)]
    [InlineData(4, 0.3, 1e-3)]
    [InlineData(2, 0.2, 1e-3)]
    public void ZeroEigenvalue_TimeToEpsilon_MatchesEventLocation(int n, double alpha, double eps)
    {
        double t = FlowTimes.TimeToEpsilon(n, 0, alpha, eps)!.Value;
        double xEps = Math.Pow(eps, 1.0 / n);
        double tEvent = FlowReference.CrossingTime(new DeepScalarFlowRhs(n, 0), [alpha], 0, xEps, 4 * t);
        Assert.True(Math.Abs(t - tEvent) <= 1e-8 * t, $"N={n}: closed form {t}, event {tEvent}");
    }

    [Fact]
    public void OffTrajectoryMessage_IsInvariantAndNamesTheValues()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
            comma.NumberFormat.NumberDecimalSeparator = ",";
            CultureInfo.CurrentCulture = comma;
            var ex = Assert.Throws<ArgumentException>(() => FlowTimes.TimeToReach(3, 1, 0.1, 1.5));
            Assert.StartsWith("x: 1.5 is not strictly between α = 0.1 and the fixed point 1.", ex.Message);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }
}
