using System.Text.RegularExpressions;
using FlowSim.Linalg;
using FlowSim.Linalg.Native;
using Xunit;

namespace FlowSim.Tests.Linalg.Native;

/// <summary>FLOWSIM_BLAS and FLOWSIM_THREADS parsing and the backend names given to provenance, with and without a native library.</summary>
[Collection(PerfCollection.Name)]
public class BackendSelectionTests
{
    [Theory]
    [InlineData("managed")]
    [InlineData("MANAGED")]
    [InlineData(" managed ")]
    public void Managed_IsForced(string value)
    {
        var backend = BackendSelection.Resolve(value);
        Assert.Same(ManagedBackend.Instance, backend);
        Assert.Equal("managed", backend.Name);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("auto")]
    public void Default_IsNativeExactlyWhenALibraryIsFound(string? value)
    {
        var backend = BackendSelection.Resolve(value);
        if (OpenBlasNative.IsAvailable) Assert.IsType<OpenBlasBackend>(backend);
        else Assert.Same(ManagedBackend.Instance, backend);
    }

    [Fact]
    public void Native_IsTheLibraryOrAClearError()
    {
        if (OpenBlasNative.IsAvailable)
        {
            var backend = BackendSelection.Resolve("native");
            Assert.Matches(new Regex(@"^openblas \(lib[a-z]+\.so(\.\d+)?\)$"), backend.Name);
            Assert.Contains(OpenBlasNative.LibraryName!, backend.Name);
        }
        else
        {
            var ex = Assert.Throws<InvalidOperationException>(() => BackendSelection.Resolve("native"));
            Assert.Contains("FLOWSIM_BLAS=native", ex.Message);
            Assert.Contains("libopenblas.so.0", ex.Message);
        }
    }

    [Theory]
    [InlineData("mkl")]
    [InlineData("nativ")]
    public void UnknownValue_NamesTheVariable(string value)
    {
        var ex = Assert.Throws<ArgumentException>(() => BackendSelection.Resolve(value));
        Assert.Equal("FLOWSIM_BLAS", ex.ParamName);
        Assert.Contains(value, ex.Message);
    }

    [Fact]
    public void BackendName_FollowsTheBackendInUse()
    {
        using (new BackendScope(ManagedBackend.Instance)) Assert.Equal("managed", LinearAlgebra.BackendName);
        if (!OpenBlasBackend.IsAvailable) return;
        using (new BackendScope(OpenBlasBackend.Instance)) Assert.StartsWith("openblas (", LinearAlgebra.BackendName);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("65")]
    [InlineData("two")]
    [InlineData("1.5")]
    public void ThreadsVariable_BadValue_NamesTheVariable(string value)
    {
        var ex = Assert.Throws<ArgumentException>(() => BackendSelection.ResolveThreads(value));
        Assert.Contains("FLOWSIM_THREADS", ex.Message);
        Assert.Contains(value, ex.Message);
    }

    [Fact]
    public void ThreadsVariable_GoodValues()
    {
        Assert.Equal(3, BackendSelection.ResolveThreads(" 3 "));
        Assert.Equal(1, BackendSelection.ResolveThreads("1"));
        Assert.Equal(Math.Clamp(Environment.ProcessorCount, 1, 8), BackendSelection.ResolveThreads(null));
    }
}
