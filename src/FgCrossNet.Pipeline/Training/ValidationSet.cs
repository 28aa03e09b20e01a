using FgCrossNet.Core;
using FgCrossNet.Core.Retrieval;
using FgCrossNet.Data;
using FgCrossNet.Data.Loading;
using FgCrossNet.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace FgCrossNet.Training;

/// <summary>
/// The validation split (<c>evaluation.split</c>) of every medium in training, without augmentation, and how a model is
/// scored on it: eval mode, no gradients, batches of <see cref="BatchSize"/> items; softmax scores per item; a video is
/// <c>data.video_eval_frames</c> uniformly sampled frames whose softmax scores are averaged. Opening it checks every
/// list file and listed file.
/// </summary>
public sealed class ValidationSet
{
    /// <summary>Items (for video: frames) per forward pass.</summary>
    public const int BatchSize = 32;

    private readonly Dictionary<Medium, IListDataset> _datasets = new();
    private readonly Dictionary<Medium, int[]> _scored = new();

    public ValidationSet(ExperimentConfig config, string root)
    {
        var layout = new DatasetLayout(root);
        var image = TrainingDataOptions.Image(config, training: false);
        var text = TrainingDataOptions.Text(config, training: false);
        int classes = config.Model.Classes;
        foreach (var medium in TrainingDataOptions.Media(config))
        {
            var list = layout.ListPath(medium, config.Evaluation.Split);
            _datasets[medium] = medium switch
            {
                Medium.Text => new TextListDataset(layout.Root, list, text, classes),
                Medium.Video => new VideoClipDataset(layout.Root, list, image, config.Data.VideoEvalFrames, classes),
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

    /// <summary>Scores <paramref name="model"/> (left in training mode afterwards); with <paramref name="computeMap"/> also the MAP of every task.</summary>
    public ValidationResult Evaluate(FgCrossNetModel model, bool computeMap, Device? device = null)
    {
        var (accuracy, features) = ExtractFeatures(model, device);
        if (!computeMap) return new ValidationResult(accuracy, null, null, null);
        var card = CrossMediaScoreCard.Compute(CrossMediaRankings.Compute(features));
        var map = card.Tasks.ToDictionary(t => t.Task.Name, t => t.Map);
        return new ValidationResult(accuracy, map, card.BimodalAverage, card.MultimodalAverage);
    }

    /// <summary>
    /// The retrieval features (softmax scores [n, C] per medium, in list order, excluded items left out; a video's is the
    /// mean over its sampled frames) with their labels, and the per-medium accuracy. The model is left in training mode afterwards.
    /// </summary>
    public (IReadOnlyDictionary<Medium, double> Accuracy, IReadOnlyList<MediumFeatures> Features) ExtractFeatures(FgCrossNetModel model, Device? device = null)
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
                int classes = model.Config.NumClasses;
                var scores = new float[(long)n * classes];
                var labels = new int[n];
                int correct = 0;
                int perPass = medium == Medium.Video ? Math.Max(1, BatchSize / ((VideoClipDataset)dataset).FramesPerVideo) : BatchSize;
                for (int start = 0; start < n; start += perPass)
                {
                    int count = Math.Min(perPass, n - start);
                    using var scope = NewDisposeScope();
                    using var noGrad = no_grad();
                    var probabilities = Probabilities(model, dataset, medium, new ArraySegment<int>(scored, start, count), device).cpu();
                    var predicted = probabilities.argmax(1).data<long>().ToArray();
                    Array.Copy(probabilities.data<float>().ToArray(), 0, scores, (long)start * classes, (long)count * classes);
                    for (int i = 0; i < count; i++)
                    {
                        labels[start + i] = dataset.Label(scored[start + i]);
                        if (predicted[i] == labels[start + i]) correct++;
                    }
                }
                accuracy[medium] = n == 0 ? 0 : (double)correct / n;
                features.Add(new MediumFeatures(medium, new FeatureMatrix(n, classes, scores), labels));
            }
            return (accuracy, features);
        }
        finally
        {
            model.train();
        }
    }

    /// <summary>Softmax scores [count, C] of the given items; a video's row is the mean over its sampled frames.</summary>
    private static Tensor Probabilities(FgCrossNetModel model, IListDataset dataset, Medium medium, IReadOnlyList<int> indices, Device device)
    {
        switch (dataset)
        {
            case IListDataset<long> text:
                return model.ForwardText(DatasetBatches.Load(text, indices).to(device)).softmax(1);
            case VideoClipDataset video:
            {
                var clips = DatasetBatches.Load(video, indices).to(device); // [n, F, 3, S, S]
                var shape = clips.shape;
                var frames = clips.reshape(shape[0] * shape[1], shape[2], shape[3], shape[4]);
                return model.call(frames).softmax(1).reshape(shape[0], shape[1], -1).mean([1]);
            }
            case IListDataset<float> images:
                return model.call(DatasetBatches.Load(images, indices).to(device)).softmax(1);
            default:
                throw new ArgumentException($"unexpected {medium.FolderName()} dataset", nameof(dataset));
        }
    }
}
