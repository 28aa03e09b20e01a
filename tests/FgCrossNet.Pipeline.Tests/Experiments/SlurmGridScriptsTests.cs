using FgCrossNet.Experiments;

namespace FgCrossNet.Pipeline.Tests.Experiments;

/// <summary>
/// <c>ablate --slurm --dry-run</c> on a machine without Slurm: the scripts a user with a real cluster would submit
/// (partition, GPUs, time and account passed through; threads as CPUs per task; one task per cell with its shard),
/// the exact sbatch commands, nothing submitted; bad sbatch options refused. Submission itself runs against a real
/// Slurm in <see cref="SlurmGridTests"/>.
/// </summary>
public sealed class SlurmGridScriptsTests
{
    private const string Grid = """
        name: dry
        base: cpu-small
        set: [model.classes=3, threads=3]
        vary:
          stage2.ranking_weight: [0.1, 0]
          data.sampling: [balanced_shuffled, reference_zip_truncate]
        seeds: [0, 1, 2]
        """;

    [Fact]
    public void Dry_run_writes_and_prints_the_scripts_with_the_users_resources_and_submits_nothing()
    {
        using var folder = new TempFolder();
        var gridFile = folder.File("dry grid.yaml"); // a space: paths are quoted for bash
        File.WriteAllText(gridFile, Grid);
        var data = Directory.CreateDirectory(Path.Combine(folder.Path, "data")).FullName;
        var output = Path.Combine(folder.Path, "out");
        var noSlurm = new Dictionary<string, string?> { ["PATH"] = "/nonexistent" };

        var result = CliProcess.RunWith(noSlurm, "ablate", "--grid", gridFile, "--data", data, "--out", output, "--slurm", "--dry-run",
            "--sbatch-arg=--partition=gpu", "--sbatch-arg", "--gres=gpu:1", "--sbatch-arg=--time=2-00:00:00", "--sbatch-arg=-A lab");

        Assert.True(result.ExitCode == 0, result.StdErr);
        var scripts = new SlurmGridScripts(output);
        Assert.Contains($"sbatch --parsable --array=1-12 {scripts.CellsScript}", result.StdOut);
        Assert.Contains($"sbatch --parsable --dependency=afterany:<array job id> {scripts.CollectScript}", result.StdOut);
        Assert.Contains("dry run, nothing submitted", result.StdOut);
        Assert.False(File.Exists(Path.Combine(scripts.Folder, SlurmGridSubmission.SubmissionsFileName)));
        Assert.True(File.Exists(Path.Combine(output, AblationRunner.GridFile)));
        Assert.True(Directory.Exists(scripts.LogFolder));

        var cells = File.ReadAllText(scripts.CellsScript);
        Assert.Contains(cells, result.StdOut);
        var directives = cells.Split('\n').TakeWhile(l => l.StartsWith('#')).Where(l => l.StartsWith("#SBATCH ", StringComparison.Ordinal)).ToList();
        Assert.Equal(
        [
            "#SBATCH --job-name=fgx-dry", "#SBATCH --array=1-12", "#SBATCH --ntasks=1", "#SBATCH --cpus-per-task=3",
            $"#SBATCH --output={scripts.LogFolder}/cell-%a_%A.out", "#SBATCH --open-mode=append",
            "#SBATCH --partition=gpu", "#SBATCH --gres=gpu:1", "#SBATCH --time=2-00:00:00", "#SBATCH -A lab",
        ], directives);
        Assert.Contains($"ablate --grid '{gridFile}' --data {data} --out {output} --skip-existing --shard \"${{SLURM_ARRAY_TASK_ID}}/12\"", cells);
        Assert.Contains($"#   12: {AblationGrid.Load(gridFile).Cells[11].Name}", cells);
        Assert.StartsWith("#!/bin/bash\n", cells);

        var collect = File.ReadAllText(scripts.CollectScript);
        var collectDirectives = collect.Split('\n').Where(l => l.StartsWith("#SBATCH ", StringComparison.Ordinal)).ToList();
        Assert.Contains("#SBATCH --partition=gpu", collectDirectives);
        Assert.Contains("#SBATCH -A lab", collectDirectives);
        Assert.DoesNotContain(collectDirectives, l => l.Contains("gres") || l.Contains("time"));
        Assert.Contains($"ablate --collect --out {output}", collect);
        Assert.True(OperatingSystem.IsWindows() || File.GetUnixFileMode(scripts.CellsScript).HasFlag(UnixFileMode.UserExecute));

        // Without --dry-run the missing sbatch is named.
        var submit = CliProcess.RunWith(noSlurm, "ablate", "--grid", gridFile, "--data", data, "--out", output, "--slurm");
        Assert.Equal(2, submit.ExitCode);
        Assert.Contains("sbatch", submit.StdErr);
        Assert.Contains("not found", submit.StdErr);
    }

    [Theory]
    [InlineData("--sbatch-arg=--array=1-3", "--array")]
    [InlineData("--sbatch-arg=--output=x.log", "--output")]
    [InlineData("--sbatch-arg=gpu", "one argument")]
    [InlineData("--shard=2/4", "--shard")]
    public void Options_the_scripts_manage_and_malformed_ones_are_refused_before_anything_is_written(string option, string named)
    {
        using var folder = new TempFolder();
        var gridFile = folder.File("dry.yaml");
        File.WriteAllText(gridFile, Grid);
        var output = Path.Combine(folder.Path, "out");
        var result = CliProcess.Run("ablate", "--grid", gridFile, "--data", folder.Path, "--out", output, "--slurm", "--dry-run", option);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(named, result.StdErr);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void A_missing_data_root_is_refused_naming_it()
    {
        using var folder = new TempFolder();
        var gridFile = folder.File("dry.yaml");
        File.WriteAllText(gridFile, Grid);
        var data = Path.Combine(folder.Path, "no-such-data");
        var result = CliProcess.Run("ablate", "--grid", gridFile, "--data", data, "--out", Path.Combine(folder.Path, "out"), "--slurm", "--dry-run");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(data, result.StdErr);
    }

    [Theory]
    [InlineData(new[] { 1, 2, 3, 5, 7, 8 }, "1-3,5,7-8")]
    [InlineData(new[] { 4 }, "4")]
    [InlineData(new[] { 9, 2, 3, 2 }, "2-3,9")]
    public void Array_ranges_join_consecutive_tasks(int[] tasks, string expected) => Assert.Equal(expected, SlurmArrayRange.Format(tasks));
}
