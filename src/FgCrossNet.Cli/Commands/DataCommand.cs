using System.CommandLine;
using FgCrossNet.Cli.Progress;
using FgCrossNet.Data.Manifests;

namespace FgCrossNet.Cli.Commands;

/// <summary><c>fgcrossnet data</c>: check a dataset download against its lists and the FG-XMedia manifest.</summary>
internal static class DataCommand
{
    /// <summary>Exit code of <c>data check</c> when the root has problems (input errors exit with 2).</summary>
    public const int ProblemsFound = 1;

    public static Command Create()
    {
        var root = new Option<DirectoryInfo>("--root") { Description = "Dataset root (holds list/, image/, text/, audio/, video/).", Required = true };
        var manifest = new Option<string?>("--manifest")
        {
            Description = "Manifest to check against: a name (fg-xmedia) or a manifest folder. Default: none, the root is checked against its own lists (and its classes.txt).",
        };
        var listingOnly = new Option<bool>("--listing-only") { Description = "Fast: check lists and directory listings only; do not decode images or read texts." };
        // Decoding is the default now; the old flag is accepted so that existing scripts keep working.
        var verify = new Option<bool>("--verify-decode") { Description = "Decode every image and read every text (the default).", Hidden = true };
        var threads = new Option<int?>("--threads") { Description = "Threads for decoding (default: all cores)." };
        var show = new Option<int>("--show") { Description = "Examples printed per problem kind.", DefaultValueFactory = _ => 10 };
        var noExtra = new Option<bool>("--ignore-extra") { Description = "Do not report files in media folders that no list names." };
        var check = new Command("check", "Check a dataset root: list syntax, missing and extra files, labels against class folders, test lists against the official ones, counts, and that every listed image decodes and every listed text is usable.")
        {
            root, manifest, listingOnly, verify, threads, show, noExtra,
        };
        check.SetAction(parse => CommandRunner.Run(() =>
        {
            var m = parse.GetValue(manifest) is { } name ? FgxManifest.Resolve(name) : null;
            // The report is standard output: plain progress lines go to standard error.
            var report = ConsoleProgress.Run(console => DatasetCheck.Run(parse.GetValue(root)!.FullName, m, new DatasetCheckOptions
            {
                VerifyDecode = !parse.GetValue(listingOnly),
                Threads = parse.GetValue(threads),
                Progress = console.Progress,
                ReportExtraFiles = !parse.GetValue(noExtra),
            }), plainProgressToStandardError: true);
            Console.Write(report.Format(Math.Max(0, parse.GetValue(show))));
            return report.Ok ? 0 : ProblemsFound;
        }));

        var lists = new Option<DirectoryInfo>("--lists") { Description = "Folder of the official test lists (<medium>/test.txt, <medium>/testlabel.txt).", Required = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "Manifest folder to write (e.g. data-manifests/fg-xmedia).", Required = true };
        var build = new Command("build", "Build the fg-xmedia manifest from the official test lists.") { lists, output };
        build.SetAction(parse => CommandRunner.Run(() =>
        {
            var built = ManifestBuilder.Build(parse.GetValue(lists)!.FullName, parse.GetValue(output)!.FullName);
            Console.WriteLine($"Wrote manifest '{built.Name}' ({built.ClassCount} classes; " +
                              string.Join(", ", built.Media.Select(x => $"{x.Medium.ToString().ToLowerInvariant()} {x.TestItems:N0}")) + $" test items) to {built.Folder}");
            return 0;
        }));
        var manifestCommand = new Command("manifest", "Maintain data manifests.") { Hidden = true };
        manifestCommand.Subcommands.Add(build);

        var data = new Command("data", "Dataset checks.");
        data.Subcommands.Add(check);
        data.Subcommands.Add(manifestCommand);
        return data;
    }
}
