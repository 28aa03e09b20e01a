using System.CommandLine;
using FgCrossNet.Experiments;
using FgCrossNet.IO;

namespace FgCrossNet.Cli.Commands;

/// <summary>
/// <c>fgcrossnet ablate</c>: runs an ablation grid (or one shard of it) into a grid folder of run folders, each trained
/// and evaluated; then, once every cell is done (or with <c>--collect</c>, after the shards), writes the report.
/// </summary>
internal static class AblateCommand
{
    public static Command Create()
    {
        var grid = new Option<FileInfo?>("--grid") { Description = "Grid file (YAML or JSON): name, base, set, vary, seeds. See data-manifests/ablations/." };
        var data = new Option<DirectoryInfo?>("--data") { Description = "Dataset root every cell trains and is evaluated on." };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Grid folder (default: runs/ablations/<grid name>)." };
        var skipExisting = new Option<bool>("--skip-existing") { Description = "Skip finished cells and resume interrupted ones (without it, an existing cell is an error)." };
        var shard = new Option<string>("--shard") { Description = "Run only shard k of n (k/n, e.g. $SLURM_ARRAY_TASK_ID/8); merge with --collect.", DefaultValueFactory = _ => "1/1" };
        var collect = new Option<bool>("--collect") { Description = "Train nothing: check that every cell of the grid folder (--out) is done and write the report." };

        var command = new Command("ablate", "Run an ablation grid: one training run per cell and seed, each evaluated; then the ablation report.")
        {
            grid, data, output, skipExisting, shard, collect,
        };
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            if (parse.GetValue(collect))
            {
                var folder = parse.GetValue(output)?.FullName ?? throw new ArgumentException("--collect needs --out GRID_FOLDER");
                return Collect(folder);
            }
            var gridFile = parse.GetValue(grid) ?? throw new ArgumentException("--grid is required (or --collect --out GRID_FOLDER)");
            var dataRoot = parse.GetValue(data) ?? throw new ArgumentException("--data is required");
            var ablation = AblationGrid.Load(gridFile.FullName);
            var selected = GridShard.Parse(parse.GetValue(shard)!);
            var outFolder = parse.GetValue(output)?.FullName ?? Path.GetFullPath(Path.Combine("runs", "ablations", ablation.Name));
            Console.WriteLine($"grid {ablation.Name}: {ablation.Cells.Count} cells ({ablation.Cells.Count / ablation.Seeds.Count} rows x {ablation.Seeds.Count} seeds), shard {selected}, into {outFolder}");

            var summary = AblationRunner.Run(ablation, dataRoot.FullName, outFolder, selected, parse.GetValue(skipExisting), Console.WriteLine,
                _ => TrainCommand.PlainOptions(null));
            Console.WriteLine($"shard {selected}: {summary.Trained} trained, {summary.Resumed} resumed, {summary.Skipped} already done, of {summary.Cells} cells");
            if (selected != GridShard.All)
            {
                Console.WriteLine($"when every shard has finished: fgcrossnet ablate --collect --out {outFolder}");
                return 0;
            }
            return Collect(outFolder);
        }));
        return command;
    }

    private static int Collect(string folder)
    {
        var cells = AblationRunner.ReadCellNames(folder) ?? throw new InvalidInputException(folder, $"not a grid folder (no {AblationRunner.GridFile})");
        var missing = cells.Where(c => !RunEvaluation.IsEvaluated(Path.Combine(folder, c))).ToList();
        if (missing.Count > 0)
        {
            Console.Error.WriteLine($"{missing.Count} of {cells.Count} cells are not done: {string.Join(", ", missing)}");
            return 1;
        }
        return ReportCommand.WriteReport([folder], folder, BootstrapResamples);
    }

    private const int BootstrapResamples = 1000;
}
