using System.Reflection;
using FgCrossNet.Figures;

namespace FgCrossNet.Pipeline.Tests.Figures;

public class LoadedAssemblyResolverTests
{
    // Read after the test has touched the assembly it looks for, so that it is loaded.
    private static Assembly[] Loaded => AppDomain.CurrentDomain.GetAssemblies();

    [Fact]
    public void FSharp_Core_is_answered_with_the_loaded_copy_whatever_version_is_asked()
    {
        var loaded = typeof(Microsoft.FSharp.Core.FSharpOption<int>).Assembly;
        var found = LoadedAssemblyResolver.FindLoaded(new AssemblyName("FSharp.Core, Version=99.0.0.0"), Loaded);
        Assert.Same(loaded, found);
    }

    [Fact]
    public void Another_assembly_is_answered_only_with_an_equal_or_higher_loaded_version()
    {
        var plotly = typeof(Plotly.NET.GenericChart).Assembly;
        var version = plotly.GetName().Version!;
        Assert.Same(plotly, LoadedAssemblyResolver.FindLoaded(new AssemblyName($"Plotly.NET, Version={version}"), Loaded));
        Assert.Same(plotly, LoadedAssemblyResolver.FindLoaded(new AssemblyName("plotly.net, Version=1.0.0.0"), Loaded));
        Assert.Null(LoadedAssemblyResolver.FindLoaded(new AssemblyName($"Plotly.NET, Version={version.Major + 1}.0.0.0"), Loaded));
        Assert.Null(LoadedAssemblyResolver.FindLoaded(new AssemblyName("No.Such.Assembly"), Loaded));
    }

    [Fact]
    public void Installing_twice_installs_once()
    {
        LoadedAssemblyResolver.Install();
        Assert.True(LoadedAssemblyResolver.IsInstalled);
        Assert.False(LoadedAssemblyResolver.Install());
    }
}
