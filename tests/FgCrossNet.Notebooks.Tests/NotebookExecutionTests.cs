using System.Diagnostics;
using Xunit.Abstractions;

namespace FgCrossNet.Notebooks.Tests;

/// <summary>Every notebook under notebooks/ runs headlessly with its (tiny) default parameters, without a cell error.</summary>
public class NotebookExecutionTests(ITestOutputHelper output)
{
    /// <summary>One kernel run must stay well inside CI's budget (all notebooks together: under 10 minutes).</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(4);

    public static TheoryData<string> Notebooks()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.EnumerateFiles(RepositoryPaths.Notebooks, "*.ipynb").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(path));
        return data;
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void The_notebook_runs_headlessly_without_a_cell_error(string notebook)
    {
        var run = DotnetRepl.Run(Path.Combine(RepositoryPaths.Notebooks, notebook), Timeout);
        output.WriteLine(run.Report());
        Assert.True(run.Succeeded, run.Report());
        run.DeleteOutput();
    }
}
