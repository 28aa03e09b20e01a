using System.Runtime.CompilerServices;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Formatting;

namespace FgCrossNet.Progress;

/// <summary>
/// Progress in the output of the notebook cell that is running (VS Code's Polyglot Notebooks, <c>dotnet interactive</c>):
/// a <see cref="NotebookProgressDisplay"/> whose text is one displayed value, updated in place.
/// </summary>
public static class NotebookCellProgress
{
    private const string KernelAssembly = "Microsoft.DotNet.Interactive";

    /// <summary>Whether this process is a .NET Interactive kernel (its core assembly is loaded).</summary>
    public static bool InKernel => AppDomain.CurrentDomain.GetAssemblies().Any(a => a.GetName().Name == KernelAssembly);

    /// <summary>
    /// A progress sink for the current cell, or null outside a kernel (or outside a cell's run). The display appears at the first report (a cell
    /// that reports nothing shows nothing); call this in each cell that runs work, since a display belongs to the cell
    /// that made it.
    /// </summary>
    public static Action<ProgressReport>? Create() => InKernel ? InCurrentCell() : null;

    // Separate so that the kernel's types are resolved only inside a kernel (the library is compiled against them only).
    // KernelInvocationContext.Display, not Kernel.display: in dotnet-interactive 1.0.712001 the handle display() returns
    // updates a different value id than the output it made, so each update would add a second output instead.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Action<ProgressReport>? InCurrentCell()
    {
        if (KernelInvocationContext.Current is not { } cell) return null;
        DisplayedValue? shown = null;
        return new NotebookProgressDisplay(text =>
        {
            if (shown is null) shown = KernelInvocationContextExtensions.Display(cell, text, "text/plain");
            else shown.Update(text);
        }).Report;
    }
}
