using System.CommandLine;
using FgCrossNet.Experiments;

namespace FgCrossNet.Cli.Commands;

/// <summary><c>fgcrossnet report</c>: the ablation table (mean ± std over seeds, paired p-values against the base row) of evaluated runs.</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var runs = new Option<DirectoryInfo[]>("--runs") { Description = "Grid folders, run folders, or folders holding run folders (each run evaluated: eval/scores.json).", Required = true, AllowMultipleArgumentsPerToken = true };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Where report.md, report.tex, report.csv and report.json go (default: the first --runs folder)." };
        var resamples = new Option<int>("--resamples") { Description = "Bootstrap resamples of the paired tests.", DefaultValueFactory = _ => 1000 };
        var page = new Option<FileInfo?>("--page") { Description = "Also write a Markdown results page (summary with deltas, p-values, accuracy and time per row; the 16 scores; figures beside it)." };
        var title = new Option<string>("--title") { Description = "Title of the results page.", DefaultValueFactory = _ => "Results" };
        var regenerate = new Option<string[]>("--regenerate") { Description = "The command(s) that regenerate the runs and the page, shown on the page.", AllowMultipleArgumentsPerToken = true };

        var command = new Command("report", "Build the ablation table of evaluated runs: Markdown, LaTeX (booktabs), CSV and JSON.")
        {
            runs, output, resamples, page, title, regenerate,
        };
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var folders = parse.GetValue(runs)!.Select(d => d.FullName).ToList();
            var outFolder = parse.GetValue(output)?.FullName ?? folders[0];
            var report = AblationReportFiles.WriteReport(folders, outFolder, parse.GetValue(resamples), Console.WriteLine);
            if (parse.GetValue(page) is { } pageFile)
            {
                var commands = parse.GetValue(regenerate) is { Length: > 0 } given ? given : [$"fgcrossnet report --runs {string.Join(' ', folders)} --page {pageFile}"];
                Figures.ResultsPage.Write(report, pageFile.FullName, parse.GetValue(title)!, commands);
                Console.WriteLine($"results page: {pageFile.FullName}");
            }
            return 0;
        }));
        return command;
    }
}
