using FgCrossNet.Core.Retrieval;
using FgCrossNet.Core;
using FgCrossNet.Data.Loading;
using FgCrossNet.Data;
using FgCrossNet.Model;
using FgCrossNet.Progress;
using TorchSharp;
using static TorchSharp.torch;

namespace FgCrossNet.Training;

/// <summary>
/// The validation split (<c>evaluation.split</c>) of every medium in training, without augmentation, and how a model is
/// scored on it: eval mode, no gradients, batches of <see cref="BatchSize"/> items; a retrieval feature per item
/// (<c>evaluation.retrieval_feature</c>, softmax scores by default); a video is
/// its frames chosen by <c>data.video_frames</c> (all listed, or <c>data.video_eval_frames</c> uniformly sampled),
/// pooled by <c>data.video_pooling</c> (softmax of the mean logits, or the mean of the softmax scores). Opening it
/// checks every list file and listed file.
/// </summary>
public sealed class ValidationSet
{
    /// <summary>Items (for video: frames) per forward pass.</summary>
    public const int BatchSize = 32;

    private readonly Dictionary<Medium, IListDataset> _datasets = new();
    private readonly VideoPooling _videoPooling;
    private readonly RetrievalFeature _retrievalFeature;
    private readonly Dictionary<Medium, int[]> _scored = new();

    public ValidationSet(ExperimentConfig config, string root)
    {
        _videoPooling = config.Data.VideoPooling;
        _retrievalFeature = config.Evaluation.RetrievalFeature;
        var layout = new DatasetLayout(root);
        var image = LoaderOptionsMapping.Image(config, training: false);
        var text = LoaderOptionsMapping.Text(config, training: false);
        int classes = config.Model.Classes;
        foreach (var medium in LoaderOptionsMapping.Media(config))
        {
            var list = layout.ListPath(medium, config.Evaluation.Split);
            _datasets[medium] = medium switch
            {
                Medium.Text => new TextListDataset(layout.Root, list, text, classes),
                Medium.Video => new VideoClipDataset(layout.Root, list, image, config.Data.VideoEvalFrames, classes, selection: config.Data.VideoFrames),
                _ => new ImageListDataset(layout.Root, list, medium, image, classes) { Cache = new ResizedImageCache(1L << 30) },
            };
            _scored[medium] = Enumerable.Range(0, _datasets[medium].Count).ToArray();
        }
    }

    public IReadOnlyList<Medium> Media => _datasets.Keys.Order().ToArray();

    /// <summary>The datasets, one per medium (video: clips of sampled frames).</summary>
    public IReadOnlyList<IListDataset> Datasets => [.. Media.Select(m => _datasets[m])];

    /// <summary>Items scored per medium (videos for video): the list's items less the <see cref="Exclude">excluded</see> ones.</summary>
    public int Count(Medium medium) => _scored[medium].Length;

    /// <summary>Leaves the given items of a medium's list out of scoring (unreadable items under <c>data.skip_bad_items</c>).</summary>
    public void Exclude(Medium medium, IEnumerable<int> indices)
    {
        var excluded = indices.ToHashSet();
        _scored[medium] = [.. _scored[medium].Where(i => !excluded.Contains(i))];
        if (_scored[medium].Length == 0)
            throw new FgCrossNet.IO.InvalidInputException(_datasets[medium].ListPath, "no item of the validation list can be read");
    }

    /// <summary>Items scored over all media (videos counted once).</summary>
    public int TotalCount => _scored.Values.Sum(s => s.Length);

    /// <summary>
    /// Scores <paramref name="model"/> (left in training mode afterwards); with <paramref name="computeMap"/> also the MAP
    /// of every task. <paramref name="progress"/> gets the task <paramref name="task"/> in items, finished after the MAP.
    /// </summary>
    public ValidationResult Evaluate(FgCrossNetModel model, bool computeMap, Device? device = null, Action<ProgressReport>? progress = null, string task = "validation")
    {
        var meter = ProgressMeter.Start(progress, task, TotalCount);
        var (accuracy, features) = ExtractFeatures(model, device, meter);
        ValidationResult result;
        if (!computeMap) result = new ValidationResult(accuracy, null, null, null);
        else
        {
            var card = EvaluationProtocol.Paper.Evaluate(features);
            var map = card.Tasks.ToDictionary(t => t.Task.Name, t => t.Map);
            result = new ValidationResult(accuracy, map, card.BimodalAverage, card.MultimodalAverage);
        }
        meter.Finish();
        return result;
    }

    /// <summary>
    /// The retrieval features (<c>evaluation.retrieval_feature</c>: softmax scores [n, C] by default, in list order,
    /// excluded items left out; a video's pooled over its frames) with their labels, and the per-medium accuracy (argmax
    /// of the pooled class scores). The model is left in training mode afterwards.
    /// </summary>
    /// <remarks><paramref name="progress"/> gets the task <paramref name="task"/> in items.</remarks>
    public (IReadOnlyDictionary<Medium, double> Accuracy, IReadOnlyList<MediumFeatures> Features) ExtractFeatures(FgCrossNetModel model, Device? device = null,
        Action<ProgressReport>? progress = null, string task = "features")
    {
        var meter = ProgressMeter.Start(progress, task, TotalCount);
        var extracted = ExtractFeatures(model, device, meter);
        meter.Finish();
        return extracted;
    }

    private (IReadOnlyDictionary<Medium, double> Accuracy, IReadOnlyList<MediumFeatures> Features) ExtractFeatures(FgCrossNetModel model, Device? device, ProgressMeter meter)
    {
        device ??= CPU;
        model.eval();
        try
        {
            var accuracy = new Dictionary<Medium, double>();
            var features = new List<MediumFeatures>();
            foreach (var medium in Media)
            {
                var dataset = _datasets[medium];
                var scored = _scored[medium];
                int n = scored.Length;
                float[]? values = null;
                int dimension = 0;
                var labels = new int[n];
                int correct = 0;
                int perPass = medium == Medium.Video ? Math.Max(1, BatchSize / ((VideoClipDataset)dataset).FramesPerVideo) : BatchSize;
                for (int start = 0; start < n; start += perPass)
                {
                    int count = Math.Min(perPass, n - start);
                    using var scope = NewDisposeScope();
                    using var noGrad = no_grad();
                    var (classScores, feature) = Outputs(model, dataset, medium, new ArraySegment<int>(scored, start, count), device);
                    var predicted = classScores.argmax(1).cpu().data<long>().ToArray();
                    dimension = (int)feature.shape[1];
                    values ??= new float[(long)n * dimension];
                    Array.Copy(feature.cpu().data<float>().ToArray(), 0, values, (long)start * dimension, (long)count * dimension);
                    for (int i = 0; i < count; i++)
                    {
                        labels[start + i] = dataset.Label(scored[start + i]);
                        if (predicted[i] == labels[start + i]) correct++;
                    }
                    meter.Advance(count);
                }
                accuracy[medium] = n == 0 ? 0 : (double)correct / n;
                features.Add(new MediumFeatures(medium, new FeatureMatrix(n, dimension, values ?? []), labels));
            }
            return (accuracy, features);
        }
        finally
        {
            model.train();
        }
    }

    /// <summary>
    /// The pooled class scores [count, C] (softmax, for accuracy) and retrieval features [count, D] of the given items;
    /// a video's rows are pooled over its frames: <see cref="VideoPooling.MeanLogits"/> averages the logits (and the
    /// embeddings) before softmax, <see cref="VideoPooling.MeanScores"/> averages the softmax scores (and the features).
    /// </summary>
    private (Tensor ClassScores, Tensor Feature) Outputs(FgCrossNetModel model, IListDataset dataset, Medium medium, IReadOnlyList<int> indices, Device device)
    {
        long frames = 1;
        Tensor input = dataset switch
        {
            IListDataset<long> text => model.TextBranch(DatasetBatches.Load(text, indices).to(device)),
            VideoClipDataset video => FramesOf(DatasetBatches.Load(video, indices).to(device), out frames),
            IListDataset<float> images => DatasetBatches.Load(images, indices).to(device),
            _ => throw new ArgumentException($"unexpected {medium.FolderName()} dataset", nameof(dataset)),
        };
        var embedding = model.Embedding(input);
        var logits = model.Classifier(embedding);
        var feature = _retrievalFeature switch
        {
            RetrievalFeature.Softmax => logits.softmax(1),
            RetrievalFeature.Logits => logits,
            _ => embedding,
        };
        if (frames == 1) return (logits.softmax(1), feature);
        long videos = logits.shape[0] / frames;
        Tensor PerVideo(Tensor t) => t.reshape(videos, frames, -1);
        if (_videoPooling == VideoPooling.MeanLogits)
        {
            var meanLogits = PerVideo(logits).mean([1]);
            var pooled = _retrievalFeature switch
            {
                RetrievalFeature.Softmax => meanLogits.softmax(1),
                RetrievalFeature.Logits => meanLogits,
                _ => PerVideo(embedding).mean([1]),
            };
            return (meanLogits.softmax(1), pooled);
        }
        return (PerVideo(logits.softmax(1)).mean([1]), PerVideo(feature).mean([1]));
    }

    private static Tensor FramesOf(Tensor clips, out long frames)
    {
        var shape = clips.shape; // [n, F, 3, S, S]
        frames = shape[1];
        return clips.reshape(shape[0] * shape[1], shape[2], shape[3], shape[4]);
    }
}
