using FgCrossNet.Core.Retrieval;
using FgCrossNet.Data;
using FgCrossNet.Evaluation;
using FgCrossNet.Experiments;
using FgCrossNet.IO;
using FgCrossNet.Pipeline.Tests.Training;
using FgCrossNet.Training;

namespace FgCrossNet.Pipeline.Tests.Experiments;

/// <summary>The notebook series' workspace: where it is, what it finds, what it makes when something is missing.</summary>
[Collection(TrainingCollection.Name)]
public class NotebookWorkspaceTests(TinyTrainingRoot data)
{
    [Fact]
    public void The_folder_is_the_given_one_else_the_environment_variables_else_out_in_the_working_directory()
    {
        using var temp = new TempFolder();
        var given = Path.Combine(temp.Path, "given");
        var named = Path.Combine(temp.Path, "named");
        var previous = Environment.GetEnvironmentVariable(NotebookWorkspace.EnvironmentVariable);
        var workingDirectory = Directory.GetCurrentDirectory();
        try
        {
            Environment.SetEnvironmentVariable(NotebookWorkspace.EnvironmentVariable, named);
            Assert.Equal(given, NotebookWorkspace.Open(given, _ => { }).Folder);
            Assert.Equal(named, NotebookWorkspace.Open("", _ => { }).Folder);
            Environment.SetEnvironmentVariable(NotebookWorkspace.EnvironmentVariable, null);
            Directory.SetCurrentDirectory(temp.Path);
            Assert.Equal(Path.Combine(Path.GetFullPath(temp.Path), "out"), NotebookWorkspace.Open("", _ => { }).Folder);
            Assert.True(Directory.Exists(Path.Combine(temp.Path, "out")));
        }
        finally
        {
            Directory.SetCurrentDirectory(workingDirectory);
            Environment.SetEnvironmentVariable(NotebookWorkspace.EnvironmentVariable, previous);
        }
    }

    [Fact]
    public void Pointing_at_a_folder_without_a_class_list_is_refused_naming_the_file()
    {
        using var temp = new TempFolder();
        var ws = NotebookWorkspace.Open(Path.Combine(temp.Path, "ws"), _ => { });
        var e = Assert.Throws<InvalidInputException>(() => ws.UseData(temp.Path));
        Assert.Contains(Path.Combine(temp.Path, ClassListFile.FileName), e.Message);
        Assert.False(File.Exists(Path.Combine(ws.Folder, "data.txt")));
    }

    [Fact]
    public void A_recorded_data_root_is_used_by_later_notebooks_and_one_that_went_away_is_an_error_naming_the_record()
    {
        using var temp = new TempFolder();
        var root = data.CopyOfRoot();
        var ws = NotebookWorkspace.Open(Path.Combine(temp.Path, "ws"), _ => { });
        ws.UseData(root);

        var log = new List<string>();
        var later = NotebookWorkspace.Open(ws.Folder, log.Add);
        Assert.Equal(Path.GetFullPath(root), later.DataRoot());
        Assert.Contains($"data: found {Path.GetFullPath(root)}", log);
        Assert.Equal(3, later.ClassCount(root));

        Directory.Delete(root, recursive: true);
        var e = Assert.Throws<InvalidInputException>(() => later.DataRoot());
        Assert.Contains(Path.Combine(ws.Folder, "data.txt"), e.Message);
    }

    [Fact]
    public void What_is_missing_is_made_tiny_once_and_found_by_the_next_notebook()
    {
        using var temp = new TempFolder();
        var log = new List<string>();
        var ws = NotebookWorkspace.Open(Path.Combine(temp.Path, "ws"), log.Add);
        ws.UseData(data.Root);
        var protocol = new EvaluationProtocol { BootstrapResamples = 50, Seed = 3 };

        // 07 alone: no scores, so no features, no export, no run: each is made, in the workspace.
        var made = ws.Scores(protocol);
        Assert.Contains(log, l => l.StartsWith("run: no finished run", StringComparison.Ordinal));
        Assert.Contains(log, l => l.StartsWith("features: none", StringComparison.Ordinal));
        var run = Assert.Single(Directory.GetDirectories(ws.RunsFolder));
        Assert.Equal(NotebookWorkspace.TinyConfig, JsonFileNode.Read(Path.Combine(run, RunFolder.ConfigFile))["name"]!.GetValue<string>());
        Assert.True(File.Exists(ws.ModelPath));
        Assert.True(File.Exists(ws.ScoresPath));

        // The next notebook finds them: nothing is trained, extracted or scored again.
        log.Clear();
        var results = ws.Results();
        Assert.Equal(run, results.RunFolder);
        Assert.Equal(ws.FeaturesFolder, results.FeaturesFolder);
        Assert.Equal(made.BimodalAverage, results.Scores.BimodalAverage);
        Assert.Equal(made[PaperRetrievalProtocol.BimodalTasks[0]].MapInterval, results.Scores[PaperRetrievalProtocol.BimodalTasks[0]].MapInterval);
        Assert.Equal(protocol.Description, results.Scores.Protocol.Description);
        Assert.All(log, l => Assert.DoesNotContain("none", l));
        Assert.Single(Directory.GetDirectories(ws.RunsFolder));
    }
}
