using System.Globalization;

namespace FlowSim;

/// <summary>
/// Runs a piece of FlowSim under the invariant culture and restores the caller's culture afterwards: the entry points
/// that produce text for files and reports (a claim's run, a scenario run) use it, so that a message such as
/// "t = 0.5" never reads "t = 0,5" in a program whose culture is German, whatever formatting code the message passes
/// through. The culture flows into tasks started inside the scope.
/// </summary>
public sealed class InvariantCultureScope : IDisposable
{
    private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
    private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;
    private bool _disposed;

    private InvariantCultureScope()
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
    }

    /// <summary>Switches the current thread to the invariant culture until the scope is disposed.</summary>
    public static InvariantCultureScope Enter() => new();

    /// <summary>Restores the culture the thread had when the scope was entered.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        CultureInfo.CurrentCulture = _culture;
        CultureInfo.CurrentUICulture = _uiCulture;
    }
}
