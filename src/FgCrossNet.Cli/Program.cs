using System.CommandLine;
using FgCrossNet.Cli.Commands;
using FgCrossNet.Data.Loading;

var root = new RootCommand("FgCrossNet: fine-grained cross-media retrieval (FGCrossNet, ACM MM 2019) on FG-XMedia.");
// Every command that decodes images honours it, so it is given once, anywhere on the command line.
var maxImagePixels = new Option<long?>("--max-image-pixels")
{
    Description = $"Refuse images whose header claims more pixels than this (default {ImageDecoder.DefaultMaxPixels:N0}, as Pillow; decompression bombs).",
    Recursive = true,
};
root.Options.Add(maxImagePixels);
root.Subcommands.Add(EvalCommand.Create());
root.Subcommands.Add(FeaturesCommand.Create());
root.Subcommands.Add(BenchCommand.Create());
root.Subcommands.Add(PrepareAudioCommand.Create());
root.Subcommands.Add(SynthCommand.Create());
root.Subcommands.Add(DataCommand.Create());
root.Subcommands.Add(TrainCommand.Create());
root.Subcommands.Add(DemoCommand.Create());
root.Subcommands.Add(AblateCommand.Create());
root.Subcommands.Add(ReportCommand.Create());
root.Subcommands.Add(ExportCommand.Create());
root.Subcommands.Add(ExtractCommand.Create());
root.Subcommands.Add(RetrieveCommand.Create());
var parse = root.Parse(args);
if (parse.Errors.Count == 0 && parse.GetValue(maxImagePixels) is { } limit)
{
    if (limit is < 1 or > ImageDecoder.LargestMaxPixels)
    {
        Console.Error.WriteLine($"error: --max-image-pixels: {limit} is not between 1 and {ImageDecoder.LargestMaxPixels:N0}");
        return CommandRunner.InputError;
    }
    ImageDecoder.MaxPixels = limit;
}
return parse.Invoke();
