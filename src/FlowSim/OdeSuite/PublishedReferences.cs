namespace FlowSim.OdeSuite;

/// <summary>
/// Published reference values at t1 for problems without a closed-form solution, copied digit for digit from
/// the <c>solut</c> routines of the Test Set for IVP Solvers (F. Mazzia, C. Magherini, release 2.4, University of
/// Bari, 2008, https://archimede.uniba.it/~testset/), which also appear in E. Hairer's test set
/// (https://www.unige.ch/~hairer/testset/testset.html). The test set computed them with RADAU/RADAU5 in
/// extended precision at rtol = atol = 1.1e-18.
/// </summary>
public static class PublishedReferences
{
    /// <summary>ROBER at t = 1e11 (file rober.f).</summary>
    public static readonly double[] Robertson = [0.2083340149701255e-07, 0.8333360770334713e-13, 0.9999999791665050e+00];

    /// <summary>HIRES at t = 321.8122 (file hires.f).</summary>
    public static readonly double[] Hires =
    [
        0.7371312573325668e-3, 0.1442485726316185e-3, 0.5888729740967575e-4, 0.1175651343283149e-2,
        0.2386356198831331e-2, 0.6238968252742796e-2, 0.2849998395185769e-2, 0.2850001604814231e-2,
    ];

    /// <summary>OREGO at t = 360 (file orego.f).</summary>
    public static readonly double[] Orego = [0.1000814870318523e+01, 0.1228178521549917e+04, 0.1320554942846706e+03];

    /// <summary>VDPOL (ε = 1e-6) at t = 2 (file vdpol.f, revision 1.2 of 2006; the R package deTestSet quotes
    /// −0.8928097010248125 for y2, a difference of 1.5e-14).</summary>
    public static readonly double[] VanDerPol = [0.1706167732170483e+01, -0.8928097010247975e+00];

    /// <summary>E5 at t = 1e13 (file e5.f; computed by the test set with RADAU in extended precision at rtol 1.1e-18,
    /// atol 1.1e-40).</summary>
    public static readonly double[] E5 = [0.1152903278711829e-290, 0.8867655517642120e-22, 0.8854814626268838e-22, 0.0];

    /// <summary>PLEI at t = 3 (file plei.f): positions x1..x7, y1..y7, then velocities.</summary>
    public static readonly double[] Pleiades =
    [
        0.3706139143970502e+00, 0.3237284092057233e+01, -0.3222559032418324e+01, 0.6597091455775310e+00,
        0.3425581707156584e+00, 0.1562172101400631e+01, -0.7003092922212495e+00,
        -0.3943437585517392e+01, -0.3271380973972550e+01, 0.5225081843456543e+01, -0.2590612434977470e+01,
        0.1198213693392275e+01, -0.2429682344935824e+00, 0.1091449240428980e+01,
        0.3417003806314313e+01, 0.1354584501625501e+01, -0.2590065597810775e+01, 0.2025053734714242e+01,
        -0.1155815100160448e+01, -0.8072988170223021e+00, 0.5952396354208710e+00,
        -0.3741244961234010e+01, 0.3773459685750630e+00, 0.9386858869551073e+00, 0.3667922227200571e+00,
        -0.3474046353808490e+00, 0.2344915448180937e+01, -0.1947020434263292e+01,
    ];
}
