namespace FgCrossNet.Notebooks.Tests;

/// <summary>The runner fails a notebook with a broken cell, naming the notebook, the cell and the error.</summary>
public class BrokenNotebookTests
{
    [Fact]
    public void A_failing_cell_is_reported_with_the_notebook_name_the_cell_number_and_first_line_and_the_error()
    {
        var folder = Directory.CreateTempSubdirectory("fgx-broken-notebook-");
        try
        {
            var path = Path.Combine(folder.FullName, "99-broken.ipynb");
            TestNotebook.Write(path,
                TestNotebook.Markdown("# A deliberately broken notebook"),
                TestNotebook.Code("var answer = 6 * 7;\nanswer"),
                TestNotebook.Markdown("The next cell throws."),
                TestNotebook.Code("// cell that throws\nthrow new InvalidOperationException($\"deliberately broken: {answer}\");"),
                TestNotebook.Code("int typo = undefinedName;"),
                TestNotebook.Code("answer + 1"));

            var run = PolyglotKernel.Run(path, NotebookExecutionTests.Timeout);
            var report = run.Report();

            Assert.False(run.Succeeded, report);
            Assert.Equal(2, run.ExitCode);
            Assert.Equal(2, run.Errors.Count);
            Assert.Equal(4, run.Errors[0].CellNumber);
            Assert.Equal("// cell that throws", run.Errors[0].FirstLine);
            Assert.Contains("deliberately broken: 42", run.Errors[0].Error);
            Assert.Equal(5, run.Errors[1].CellNumber);
            Assert.Contains("undefinedName", run.Errors[1].Error);
            Assert.Contains("99-broken.ipynb, cell 4 (// cell that throws): ", report);
            Assert.Contains("deliberately broken: 42", report);
            Assert.Contains("99-broken.ipynb, cell 5 (int typo = undefinedName;): ", report);
            run.DeleteOutput();
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_notebook_whose_cells_all_succeed_is_reported_as_succeeded()
    {
        var folder = Directory.CreateTempSubdirectory("fgx-good-notebook-");
        try
        {
            var path = Path.Combine(folder.FullName, "98-good.ipynb");
            File.WriteAllText(Path.Combine(folder.FullName, "numbers.txt"), "3\n4\n");
            // A relative path resolves against the notebook's folder: the runner starts there.
            TestNotebook.Write(path, TestNotebook.Code("var sum = System.IO.File.ReadAllLines(\"numbers.txt\").Select(int.Parse).Sum();\nif (sum != 7) throw new Exception(\"wrong sum \" + sum);"),
                // What a notebook writes under the temporary folder is deleted after the run.
                TestNotebook.Code("var scratch = System.IO.Directory.CreateTempSubdirectory(\"left-behind-\").FullName;\nSystem.IO.File.WriteAllText(\"scratch.txt\", scratch);"));
            var run = PolyglotKernel.Run(path, NotebookExecutionTests.Timeout);
            Assert.True(run.Succeeded, run.Report());
            Assert.Empty(run.Errors);
            run.DeleteOutput();
            var scratch = File.ReadAllText(Path.Combine(folder.FullName, "scratch.txt"));
            Assert.Contains("left-behind-", scratch);
            Assert.False(Directory.Exists(scratch), $"{scratch} was left behind");
            Assert.False(scratch.StartsWith(Path.GetTempPath() + "left-behind-", StringComparison.Ordinal), "the notebook did not get its own temporary folder");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
