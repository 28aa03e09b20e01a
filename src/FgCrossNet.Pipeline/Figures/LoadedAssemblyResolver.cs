using System.Reflection;
using System.Runtime.Loader;

namespace FgCrossNet.Figures;

/// <summary>
/// Lets this library's figures run inside .NET Interactive notebook kernels (VS Code's Polyglot Notebooks,
/// <c>dotnet interactive</c>). <see cref="NotebookChartDisplay.Install"/> calls <see cref="Install"/>; call either once, right
/// after the <c>#r</c> of this library.
/// </summary>
/// <remarks>
/// <para>Why: Plotly.NET 6.0.0 (the only version served) is built against FSharp.Core 10.1, but the kernels bundle and
/// load FSharp.Core 10.0.103, and a <c>#r</c> cannot replace an assembly that is already loaded: the first chart then
/// fails with "Could not load file or assembly 'FSharp.Core, Version=10.1.0.0'". The kernels also give each <c>#r</c> its
/// own load context without unifying versions, so an assembly can be loaded twice (PuppeteerSharp, which then fails
/// static export with a MissingMethodException).</para>
/// <para>What: a handler on <see cref="AssemblyLoadContext.Default"/>'s <see cref="AssemblyLoadContext.Resolving"/> event
/// (raised only when the normal lookup has failed) that answers a request for FSharp.Core with the copy already loaded,
/// whatever its version, and a request for any other assembly with an already-loaded copy of the same name and an equal
/// or higher version.</para>
/// <para>Risk: a Plotly.NET code path that needs an FSharp.Core 10.1 API missing from 10.0.103 would still throw
/// (MissingMethodException) when it runs. The charts of <c>FgCrossNet.Figures</c> are exercised under a real kernel by the
/// notebook tests. A module initializer would not do: it runs when library code first runs, not on <c>#r</c>.</para>
/// </remarks>
public static class LoadedAssemblyResolver
{
    /// <summary>The assembly answered with whatever version is loaded: the kernels' own FSharp.Core.</summary>
    public const string FSharpCore = "FSharp.Core";

    private static int _installed;

    /// <summary>Installs the handler (once per process; later calls do nothing). Returns true when this call installed it.</summary>
    public static bool Install()
    {
        if (Interlocked.Exchange(ref _installed, 1) == 1) return false;
        AssemblyLoadContext.Default.Resolving += (_, requested) => FindLoaded(requested, AppDomain.CurrentDomain.GetAssemblies());
        return true;
    }

    /// <summary>True once <see cref="Install"/> has run in this process.</summary>
    public static bool IsInstalled => Volatile.Read(ref _installed) == 1;

    /// <summary>
    /// The assembly among <paramref name="loaded"/> that answers <paramref name="requested"/>: for FSharp.Core the
    /// highest loaded version of any version; otherwise the highest loaded version with the same (case-insensitive) name
    /// and a version at least the requested one; null when none fits.
    /// </summary>
    public static Assembly? FindLoaded(AssemblyName requested, IEnumerable<Assembly> loaded)
    {
        if (requested.Name is null) return null;
        bool anyVersion = string.Equals(requested.Name, FSharpCore, StringComparison.OrdinalIgnoreCase);
        var wanted = requested.Version ?? new Version(0, 0);
        Assembly? best = null;
        Version? bestVersion = null;
        foreach (var assembly in loaded)
        {
            var name = assembly.GetName();
            if (!string.Equals(name.Name, requested.Name, StringComparison.OrdinalIgnoreCase)) continue;
            var version = name.Version ?? new Version(0, 0);
            if (!anyVersion && version < wanted) continue;
            if (bestVersion is null || version > bestVersion)
            {
                best = assembly;
                bestVersion = version;
            }
        }
        return best;
    }
}
