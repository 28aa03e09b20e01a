using System.CommandLine;
using FgCrossNet.Cli.Commands;

var root = new RootCommand("FgCrossNet: fine-grained cross-media retrieval (FGCrossNet, ACM MM 2019) on FG-XMedia.");
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
return root.Parse(args).Invoke();
