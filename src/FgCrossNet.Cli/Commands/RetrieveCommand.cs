using System.CommandLine;
using FgCrossNet.Core;
using FgCrossNet.Inference;

namespace FgCrossNet.Cli.Commands;

/// <summary><c>fgcrossnet retrieve</c>: embeds one query of any medium and lists its nearest gallery items across media.</summary>
internal static class RetrieveCommand
{
    public static Command Create()
    {
        var model = new Option<FileInfo>("--model") { Description = "The export's model.onnx.", Required = true };
        var gallery = new Option<DirectoryInfo>("--gallery") { Description = "A folder written by fgcrossnet extract (the gallery's features).", Required = true };
        var query = new Option<string>("--query") { Description = "An image or spectrogram file, a text file, a folder of video frames, or literal text.", Required = true };
        var media = new Option<string?>("--media") { Description = "The query's medium (image, text, audio, video) when its form does not say it." };
        var within = new Option<string?>("--gallery-media") { Description = "Search only these media, e.g. image,video (default: all in the gallery)." };
        var top = new Option<int>("--top") { Description = "Number of results.", DefaultValueFactory = _ => 10 };
        var html = new Option<FileInfo?>("--html") { Description = "Write an HTML page of the results here (default: retrieval.html in the current folder)." };
        var gpu = new Option<int?>("--gpu") { Description = "Ask for CUDA device N (falls back to the CPU)." };

        var command = new Command("retrieve", "Embed one query (image, text, audio spectrogram or video frames) and list the top K gallery items across media.")
        {
            model, gallery, query, media, within, top, html, gpu,
        };
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            Medium? queryMedium = parse.GetValue(media) is { } name
                ? Media.TryParse(name, out var m) ? m : throw new ArgumentException($"--media: '{name}' is not one of image, text, audio, video")
                : null;
            var searchIn = parse.GetValue(within) is { } list ? Media.ParseList(list, "--gallery-media") : null;
            var loaded = RetrievalGallery.Load(parse.GetValue(gallery)!.FullName);
            var provider = ExecutionProvider.Choose(parse.GetValue(gpu));
            using var extractor = IFeatureExtractor.Open(parse.GetValue(model)!.FullName, FeatureEngine.MlNet, provider);
            var embedded = RetrievalQuery.Embed(extractor, parse.GetValue(query)!, queryMedium);
            var hits = embedded.Search(loaded, parse.GetValue(top), searchIn);

            Console.WriteLine($"query ({embedded.Medium.FolderName()}): {embedded.Source}   [{provider.Description}]");
            foreach (var hit in hits)
            {
                var className = extractor.Metadata.ClassNames[hit.Item.Label];
                Console.WriteLine($"{hit.Rank,4}  {hit.Distance:F6}  {hit.Item.Medium.FolderName(),-5}  {className,-32}  {hit.Item.RelativePath}");
            }
            var page = parse.GetValue(html)?.FullName ?? Path.GetFullPath("retrieval.html");
            RetrievalPage.Write(page, embedded, hits, loaded, extractor.Metadata.ClassNames);
            Console.WriteLine($"page: {page}");
            return 0;
        }));
        return command;
    }
}
