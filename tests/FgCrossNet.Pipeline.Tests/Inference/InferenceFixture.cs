using FgCrossNet.Data.Loading;
using FgCrossNet.Export;
using FgCrossNet.Model;
using FgCrossNet.Pipeline.Tests.Export;
using FgCrossNet.Synthetic;

namespace FgCrossNet.Pipeline.Tests.Inference;

/// <summary>A small dataset root (JPEG photos, PNG spectrograms, texts) and a small ResNet-18 exported once, shared by the inference tests.</summary>
public sealed class InferenceFixture : IDisposable
{
    private readonly TempFolder _folder = new();

    public InferenceFixture()
    {
        Root = Path.Combine(_folder.Path, "data");
        FixtureRootWriter.Write(Root, new FixtureRootWriter.Options
        {
            Classes = 2, ImagesPerClass = 3, TextsPerClass = 2, AudioPerClass = 2, VideosPerClass = 1, FramesPerVideo = 3,
            ImageWidth = 61, ImageHeight = 45, SpectrogramWidth = 50, SpectrogramHeight = 40, FrameWidth = 48, FrameHeight = 36,
        });
        Model = ExportTestData.SmallModel(ResNetDepth.ResNet18, seed: 21);
        Metadata = ExportTestData.Metadata(Model);
        (ImageModelPath, TextModelPath) = OnnxModelWriter.Write(Model, Metadata, Path.Combine(_folder.Path, "model.onnx"));
    }

    public string Root { get; }

    public FgCrossNetModel Model { get; }

    public FgCrossNetOnnxMetadata Metadata { get; }

    public string ImageModelPath { get; }

    public string TextModelPath { get; }

    public string[] Files(string medium, string pattern) =>
        [.. Directory.GetFiles(Path.Combine(Root, medium), pattern, SearchOption.AllDirectories).Order(StringComparer.Ordinal)];

    public string NewFile(string name) => _folder.File(Path.Combine("scratch-" + Guid.NewGuid().ToString("N")[..8], name));

    public void Dispose()
    {
        Model.Dispose();
        _folder.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class InferenceCollection : ICollectionFixture<InferenceFixture>
{
    public const string Name = "Inference";
}
