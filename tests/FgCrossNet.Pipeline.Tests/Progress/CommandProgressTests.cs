using System.Text.RegularExpressions;

namespace FgCrossNet.Pipeline.Tests.Progress;

/// <summary>The real <c>fgcrossnet</c>: plain progress lines when its output is not a terminal, live rows on one.</summary>
public class CommandProgressTests
{
    private static readonly string TinySynthetic = Path.Combine(RepositoryPaths.Root, "data-manifests", "synthetic", "tiny.json");
    private static string Fgcrossnet => Path.Combine(AppContext.BaseDirectory, "fgcrossnet");

    [Fact]
    public void Synth_and_data_check_print_plain_lines_when_the_output_is_not_a_terminal()
    {
        using var dir = new TempFolder();
        var root = Path.Combine(dir.Path, "data");
        var synth = CliProcess.Run("synth", "--out", root, "--config", TinySynthetic, "--classes", "3");
        Assert.True(synth.ExitCode == 0, synth.StdErr);
        Assert.DoesNotContain('\u001b', synth.StdOut);
        foreach (var (task, unit) in new[] { ("image", "items"), ("text", "items"), ("audio", "recordings"), ("spectrograms", "recordings"), ("video", "videos") })
            Assert.Matches($@"(?m)^{task}: (\d+)/\1 {unit} in \d+\.\d s, [\d.,]+ {unit}/s$", synth.StdOut);

        // data check's report is its standard output; the progress goes to standard error.
        var check = CliProcess.Run("data", "check", "--root", root);
        Assert.True(check.ExitCode == 0, check.StdOut + check.StdErr);
        Assert.Matches(@"(?m)^decoding: (\d+)/\1 items in \d+\.\d s", check.StdErr);
        Assert.DoesNotContain("decoding:", check.StdOut);
    }

    [Fact]
    public void Synth_draws_live_rows_on_a_terminal()
    {
        using var dir = new TempFolder();
        // script(1) gives the command a pseudo-terminal, as a user's shell does; CI would turn the live display off.
        var command = $"'{Fgcrossnet}' synth --out '{Path.Combine(dir.Path, "data")}' --config '{TinySynthetic}' --classes 3";
        var run = CliProcess.RunProgram("script", new Dictionary<string, string?> { ["CI"] = null, ["TERM"] = "xterm-256color" }, ["-qec", command, "/dev/null"]);
        Assert.True(run.ExitCode == 0, run.StdOut + run.StdErr);
        var text = Regex.Replace(run.StdOut, @"\u001b\[[0-9;?]*[A-Za-z]", "");
        Assert.Matches(@"\u001b\[\d*A", run.StdOut); // cursor up: rows redrawn in place
        Assert.Contains("━", text); // a bar
        Assert.Matches(@"(?m)^image: (\d+)/\1 items in ", text.Replace("\r", "\n"));
        Assert.Contains("Wrote 3 classes", text);
    }
}
