namespace FgCrossNet.Export;

/// <summary>
/// The names an FGCrossNet ONNX export is read by: graph inputs and outputs, file names, metadata keys and format
/// versions. Every reader and writer uses these; no other code spells them.
/// </summary>
public static class FgCrossNetOnnxNames
{
    /// <summary>Input of the image entry point: float32 [N, 3, S, S], raw RGB values 0..255 (normalised inside the graph).</summary>
    public const string ImageInput = "image";

    /// <summary>Input of the text entry point: int64 [N, L], character indices 0..69, 0 = padding (<see cref="Data.Loading.CharacterTextEncoder"/>; the vocabulary is in the metadata).</summary>
    public const string TextInput = "text";

    /// <summary>Output: float32 [N, C], the network's output before softmax.</summary>
    public const string Logits = "logits";

    /// <summary>Output: float32 [N, C], softmax of <see cref="Logits"/> over classes: the reference's retrieval feature.</summary>
    public const string Features = "features";

    /// <summary>Output: float32 [N, D], the pooled penultimate features (the input of the classifier).</summary>
    public const string Embedding = "embedding";

    /// <summary>The output that holds a <see cref="Model.RetrievalFeature"/>.</summary>
    public static string OutputOf(Model.RetrievalFeature feature) => feature switch
    {
        Model.RetrievalFeature.Softmax => Features,
        Model.RetrievalFeature.Logits => Logits,
        Model.RetrievalFeature.Embedding => Embedding,
        _ => throw new ArgumentOutOfRangeException(nameof(feature), feature, "unknown retrieval feature"),
    };

    /// <summary>The symbolic batch dimension of every input and output.</summary>
    public const string BatchDimension = "batch";

    /// <summary>ONNX <c>producer_name</c> of an export.</summary>
    public const string Producer = "FgCrossNet";

    /// <summary>The ONNX IR version written (8: Debian 12's onnx 1.12 checker rejects newer ones).</summary>
    public const long IrVersion = 8;

    /// <summary>The default-domain opset written.</summary>
    public const long Opset = 13;

    /// <summary>Version of the metadata layout below; a reader refuses other versions.</summary>
    public const string FormatVersion = "1";

    /// <summary>The text entry point's file sits beside the image one: <c>model.onnx</c> → <c>model.text.onnx</c>.</summary>
    public const string TextFileSuffix = ".text.onnx";

    /// <summary>Metadata keys (ONNX <c>metadata_props</c>).</summary>
    public static class Keys
    {
        public const string Format = "fgcrossnet.format";
        public const string EntryPoint = "fgcrossnet.entry_point";
        public const string Companion = "fgcrossnet.companion";
        public const string Depth = "fgcrossnet.depth";
        public const string NumClasses = "fgcrossnet.num_classes";
        public const string ClassNames = "fgcrossnet.class_names";
        public const string InputSize = "fgcrossnet.input_size";
        public const string ImageScale = "fgcrossnet.image_scale";
        public const string ImageMean = "fgcrossnet.image_mean";
        public const string ImageStd = "fgcrossnet.image_std";
        public const string TextLength = "fgcrossnet.text_length";
        public const string TextVocabulary = "fgcrossnet.text_vocabulary";
        public const string TextLowercase = "fgcrossnet.text_lowercase";
        public const string TextLineMode = "fgcrossnet.text_line_mode";
        public const string VideoEvalFrames = "fgcrossnet.video_eval_frames";
        public const string VideoFrames = "fgcrossnet.video_frames";
        public const string VideoPooling = "fgcrossnet.video_pooling";
        public const string RetrievalFeature = "fgcrossnet.retrieval_feature";
        public const string ExperimentConfig = "fgcrossnet.experiment_config";
    }

    /// <summary>Values of <see cref="Keys.EntryPoint"/>.</summary>
    public static class EntryPoints
    {
        public const string Image = "image";
        public const string Text = "text";
    }
}
