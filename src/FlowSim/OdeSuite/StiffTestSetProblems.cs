using FlowSim.Ode;

namespace FlowSim.OdeSuite;

/// <summary>
/// Stiff problems of the Test Set for IVP Solvers (F. Mazzia, C. Magherini, University of Bari and INdAM,
/// release 2.4, 2008, https://archimede.uniba.it/~testset/; also E. Hairer, G. Wanner, Solving ODEs II, §IV.10),
/// with the test set's analytic Jacobians. Their reference values at t1 are in <see cref="PublishedReferences"/>.
/// </summary>
public static class StiffTestSetProblems
{
    /// <summary>ROBER: y1' = −0.04y1 + 1e4·y2y3, y3' = 3e7·y2², y2' = −y1' − y3', y(0) = (1, 0, 0), t ∈ [0, 1e11].</summary>
    public static OdeProblem Robertson() => new((t, y, dy) =>
    {
        double r1 = 0.04 * y[0], r2 = 1e4 * y[1] * y[2], r3 = 3e7 * y[1] * y[1];
        dy[0] = -r1 + r2;
        dy[1] = r1 - r2 - r3;
        dy[2] = r3;
    }, 0, 1e11, [1.0, 0, 0], (t, y, j) =>
    {
        j[0] = -0.04; j[1] = 0.04; j[2] = 0;
        j[3] = 1e4 * y[2]; j[4] = -1e4 * y[2] - 6e7 * y[1]; j[5] = 6e7 * y[1];
        j[6] = 1e4 * y[1]; j[7] = -1e4 * y[1]; j[8] = 0;
    }, "robertson") { IsStiff = true, IsAutonomous = true };

    /// <summary>HIRES (high irradiance responses of photomorphogenesis), 8 equations, t ∈ [0, 321.8122].</summary>
    public static OdeProblem Hires() => new((t, y, f) =>
    {
        f[0] = -1.71 * y[0] + 0.43 * y[1] + 8.32 * y[2] + 0.0007;
        f[1] = 1.71 * y[0] - 8.75 * y[1];
        f[2] = -10.03 * y[2] + 0.43 * y[3] + 0.035 * y[4];
        f[3] = 8.32 * y[1] + 1.71 * y[2] - 1.12 * y[3];
        f[4] = -1.745 * y[4] + 0.43 * (y[5] + y[6]);
        f[5] = -280 * y[5] * y[7] + 0.69 * y[3] + 1.71 * y[4] - 0.43 * y[5] + 0.69 * y[6];
        f[6] = 280 * y[5] * y[7] - 1.81 * y[6];
        f[7] = -f[6];
    }, 0, 321.8122, [1.0, 0, 0, 0, 0, 0, 0, 0.0057], (t, y, j) =>
    {
        j.Clear();
        // Column-major: entry (row, col) at col·8 + row.
        j[0] = -1.71; j[8] = 0.43; j[16] = 8.32;
        j[1] = 1.71; j[9] = -8.75;
        j[18] = -10.03; j[26] = 0.43; j[34] = 0.035;
        j[11] = 8.32; j[19] = 1.71; j[27] = -1.12;
        j[36] = -1.745; j[44] = 0.43; j[52] = 0.43;
        j[29] = 0.69; j[37] = 1.71; j[45] = -280 * y[7] - 0.43; j[53] = 0.69; j[61] = -280 * y[5];
        j[46] = 280 * y[7]; j[54] = -1.81; j[62] = 280 * y[5];
        j[47] = -280 * y[7]; j[55] = 1.81; j[63] = -280 * y[5];
    }, "hires") { IsStiff = true, IsAutonomous = true };

    /// <summary>OREGO (Oregonator, Belousov–Zhabotinskii reaction), 3 equations, y(0) = (1, 2, 3), t ∈ [0, 360].</summary>
    public static OdeProblem Orego()
    {
        const double s = 77.27, q = 8.375e-6, w = 0.161;
        return new OdeProblem((t, y, f) =>
        {
            f[0] = s * (y[1] - y[0] * y[1] + y[0] - q * y[0] * y[0]);
            f[1] = (-y[1] - y[0] * y[1] + y[2]) / s;
            f[2] = w * (y[0] - y[2]);
        }, 0, 360, [1.0, 2, 3], (t, y, j) =>
        {
            j[0] = s * (-y[1] + 1 - 2 * q * y[0]); j[1] = -y[1] / s; j[2] = w;
            j[3] = s * (1 - y[0]); j[4] = (-1 - y[0]) / s; j[5] = 0;
            j[6] = 0; j[7] = 1 / s; j[8] = -w;
        }, "orego") { IsStiff = true, IsAutonomous = true };
    }

    /// <summary>VDPOL: van der Pol in the test set's scaled form y1' = y2, y2' = ((1 − y1²)y2 − y1)/ε, ε = 1e-6
    /// (μ = 1000 after rescaling time), y(0) = (2, 0), t ∈ [0, 2].</summary>
    public static OdeProblem VanDerPol()
    {
        const double eps = 1e-6;
        return new OdeProblem((t, y, f) =>
        {
            f[0] = y[1];
            f[1] = ((1 - y[0] * y[0]) * y[1] - y[0]) / eps;
        }, 0, 2, [2.0, 0], (t, y, j) =>
        {
            j[0] = 0; j[1] = (-2 * y[0] * y[1] - 1) / eps;
            j[2] = 1; j[3] = (1 - y[0] * y[0]) / eps;
        }, "vdpol") { IsStiff = true, IsAutonomous = true };
    }

    /// <summary>Absolute tolerance of E5 (Hairer–Wanner II, §IV.10, and the test set's runs): its components fall to
    /// 1e-22 and below, so a tolerance relative to them, or an absolute one tied to rtol, would measure nothing.</summary>
    public const double E5AbsoluteTolerance = 1.7e-24;

    /// <summary>E5 (chemical pyrolysis, stiff DETEST), 4 equations, y(0) = (1.76e-3, 0, 0, 0), t ∈ [0, 1e13]:
    /// f₁ = −Ay₁ − By₁y₃, f₂ = Ay₁ − MCy₂y₃, f₄ = By₁y₃ − Cy₄, f₃ = f₂ − f₄ with A = 7.89e-10, B = 1.1e7, C = 1.13e3,
    /// M = 1e6, and the test set's Jacobian.</summary>
    public static OdeProblem E5()
    {
        const double a = 7.89e-10, b = 1.1e7, cm = 1.13e9, c = 1.13e3;
        return new OdeProblem((t, y, f) =>
        {
            double p1 = a * y[0], p2 = b * y[0] * y[2], p3 = cm * y[1] * y[2], p4 = c * y[3];
            f[0] = -p1 - p2;
            f[1] = p1 - p3;
            f[3] = p2 - p4;
            f[2] = f[1] - f[3];
        }, 0, 1e13, [1.76e-3, 0, 0, 0], (t, y, j) =>
        {
            // Column-major: entry (row, col) at col·4 + row.
            j[0] = -a - b * y[2]; j[1] = a; j[2] = a - b * y[2]; j[3] = b * y[2];
            j[4] = 0; j[5] = -cm * y[2]; j[6] = -cm * y[2]; j[7] = 0;
            j[8] = -b * y[0]; j[9] = -cm * y[1]; j[10] = -b * y[0] - cm * y[1]; j[11] = b * y[0];
            j[12] = 0; j[13] = 0; j[14] = c; j[15] = -c;
        }, "e5") { IsStiff = true, IsAutonomous = true };
    }
}
