using System.Text.RegularExpressions;

namespace FgCrossNet.Notebooks.Tests;

/// <summary>What every committed notebook must look like: no outputs, the house structure, listed in notebooks/README.md.</summary>
public class CommittedNotebookTests
{
    public static TheoryData<string> Notebooks() => NotebookExecutionTests.Notebooks();

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void The_notebook_is_committed_without_outputs_or_execution_counts(string notebook)
    {
        var nb = Notebook.Load(Path.Combine(RepositoryPaths.Notebooks, notebook));
        foreach (var cell in nb.Cells.Where(c => c.IsCode))
        {
            Assert.True(cell.Outputs.Count == 0, $"{notebook}, cell {cell.Number} ({cell.FirstLine}) has outputs: clear them before committing");
            Assert.True(cell.Json["execution_count"] is null, $"{notebook}, cell {cell.Number} ({cell.FirstLine}) has an execution count: clear outputs before committing");
        }
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void The_notebook_follows_the_series_structure(string notebook)
    {
        var nb = Notebook.Load(Path.Combine(RepositoryPaths.Notebooks, notebook));
        Assert.Equal(".net-csharp", nb.KernelName);
        Assert.Matches(@"^\d\d-[a-z0-9-]+\.ipynb$", notebook);

        var first = nb.Cells[0];
        Assert.True(first.Type == "markdown" && first.Source.StartsWith("# ", StringComparison.Ordinal), $"{notebook}: the first cell must be markdown with an H1 title");
        Assert.Contains("This notebook shows how to:", first.Source);

        var code = nb.Cells.Where(c => c.IsCode).ToArray();
        Assert.True(code[0].Tags.Contains("parameters"), $"{notebook}: the first code cell (cell {code[0].Number}) must be tagged 'parameters'");
        Assert.True(code.Length >= 2 && code[1].Source.Contains("#r \"", StringComparison.Ordinal) && code[1].Source.Contains("NotebookChartDisplay.Install()", StringComparison.Ordinal),
            $"{notebook}: the second code cell must #r the library and call NotebookChartDisplay.Install()");
        // Its formatter would replace ours with one that loads plotly.js from a CDN (no chart offline).
        Assert.DoesNotContain(code, c => Regex.IsMatch(c.Source, @"#r\s+""nuget:\s*Plotly\.NET\.Interactive", RegexOptions.IgnoreCase));
        Assert.DoesNotContain(code, c => Regex.IsMatch(c.Source, @"#r\s+""nuget:\s*TorchSharp", RegexOptions.IgnoreCase));

        var last = nb.Cells[^1];
        Assert.True(last.Type == "markdown" && last.Source.Contains("Next:", StringComparison.Ordinal), $"{notebook}: the last cell must be markdown with a 'Next:' link");

        var lines = code.Select(c => c.Source.Split('\n').Length).Order().ToArray();
        Assert.True(lines[lines.Length / 2] <= 15, $"{notebook}: most code cells should be short; the median is {lines[lines.Length / 2]} lines");
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void The_notebook_is_listed_in_the_notebooks_readme(string notebook)
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Notebooks, "README.md"));
        Assert.Contains($"]({notebook})", readme);
    }
}
