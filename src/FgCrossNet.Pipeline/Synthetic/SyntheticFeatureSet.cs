using FgCrossNet.Core.Retrieval;
using FgCrossNet.Core;

namespace FgCrossNet.Synthetic;

/// <summary>
/// Random test features shaped like a trained FGCrossNet's output, for exercising evaluation without a model: per item,
/// softmax(strength_m * prototype[class] + bias_m + noise_m * N(0, I)) with one prototype per class (a peak on its own
/// class and weaker peaks on the classes of its family), a per-medium bias (the modality gap) and per-medium noise
/// (text noisiest, as in the paper's results). Labels come in class blocks, as in the official test lists.
/// </summary>
public static class SyntheticFeatureSet
{
    /// <summary>The item counts of the official FG-XMedia test lists: image 5,794, text 4,000, audio 6,000, video 5,682.</summary>
    public static IReadOnlyDictionary<Medium, int> FgXMediaTestCounts { get; } = new Dictionary<Medium, int>
    {
        [Medium.Image] = 5794, [Medium.Text] = 4000, [Medium.Audio] = 6000, [Medium.Video] = 5682,
    };

    /// <param name="counts">Items per medium.</param>
    /// <param name="classes">Number of classes; also the feature dimension (the network's output is one logit per class).</param>
    /// <param name="seed">Seed; the same seed gives the same features.</param>
    public static IReadOnlyList<MediumFeatures> Generate(IReadOnlyDictionary<Medium, int> counts, int classes, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        var rng = new Random(seed);
        const int familySize = 4;
        var prototypes = new float[classes, classes];
        for (int c = 0; c < classes; c++)
        {
            int family = c / familySize * familySize;
            for (int k = 0; k < classes; k++)
                prototypes[c, k] = k == c ? 1f : k >= family && k < family + familySize ? 0.6f : 0f;
        }
        var strength = new Dictionary<Medium, double> { [Medium.Image] = 7, [Medium.Text] = 4.5, [Medium.Audio] = 6.5, [Medium.Video] = 7 };
        var noise = new Dictionary<Medium, double> { [Medium.Image] = 1.8, [Medium.Text] = 2.2, [Medium.Audio] = 2.0, [Medium.Video] = 1.9 };

        var result = new List<MediumFeatures>();
        foreach (var (medium, count) in counts.OrderBy(kv => kv.Key))
        {
            var bias = new double[classes];
            for (int k = 0; k < classes; k++) bias[k] = 0.8 * StandardNormal.Sample(rng);
            var data = new float[(long)count * classes];
            var labels = new int[count];
            var logits = new double[classes];
            for (int i = 0; i < count; i++)
            {
                int label = (int)((long)i * classes / count);
                labels[i] = label;
                double max = double.NegativeInfinity;
                for (int k = 0; k < classes; k++)
                {
                    logits[k] = strength[medium] * prototypes[label, k] + bias[k] + noise[medium] * StandardNormal.Sample(rng);
                    max = Math.Max(max, logits[k]);
                }
                double sum = 0;
                for (int k = 0; k < classes; k++) sum += logits[k] = Math.Exp(logits[k] - max);
                for (int k = 0; k < classes; k++) data[(long)i * classes + k] = (float)(logits[k] / sum);
            }
            result.Add(new MediumFeatures(medium, new FeatureMatrix(count, classes, data), labels));
        }
        return result;
    }

    /// <summary>The official test counts scaled by <paramref name="fraction"/> (at least one item per class and medium).</summary>
    public static IReadOnlyDictionary<Medium, int> ScaledCounts(double fraction, int classes) =>
        FgXMediaTestCounts.ToDictionary(kv => kv.Key, kv => Math.Max(classes, (int)Math.Round(kv.Value * fraction)));
}
