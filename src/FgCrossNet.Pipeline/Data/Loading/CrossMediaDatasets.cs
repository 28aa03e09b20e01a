using FgCrossNet.Core;

namespace FgCrossNet.Data.Loading;

/// <summary>
/// The datasets a <see cref="CrossMediaLoader"/> draws from: up to one per medium. Image-like media (image, audio,
/// video) must prepare items of the same shape. Media left null are not drawn.
/// </summary>
public sealed record CrossMediaDatasets(
    IListDataset<float>? Image = null,
    IListDataset<long>? Text = null,
    IListDataset<float>? Audio = null,
    IListDataset<float>? Video = null)
{
    /// <summary>The media present, in stacking order (image, text, audio, video).</summary>
    public IReadOnlyList<Medium> Media => Core.Media.All.Where(m => Get(m) is not null).ToArray();

    /// <summary>The image-like media present, in stacking order (image, audio, video).</summary>
    public IReadOnlyList<Medium> ImageLikeMedia => Media.Where(m => m != Medium.Text).ToArray();

    public IListDataset? Get(Medium medium) => medium switch
    {
        Medium.Image => Image,
        Medium.Text => Text,
        Medium.Audio => Audio,
        _ => Video,
    };

    /// <summary>The same datasets with only <paramref name="media"/> kept (the others null).</summary>
    public CrossMediaDatasets Only(IReadOnlyCollection<Medium> media) => new(
        media.Contains(Medium.Image) ? Image : null,
        media.Contains(Medium.Text) ? Text : null,
        media.Contains(Medium.Audio) ? Audio : null,
        media.Contains(Medium.Video) ? Video : null);

    internal IListDataset<float> ImageLike(Medium medium) =>
        (medium == Medium.Text ? null : (IListDataset<float>?)Get(medium)) ?? throw new ArgumentException($"no {medium.FolderName()} dataset");

    /// <summary>
    /// Opens the <paramref name="split"/> ("train" or "test") lists of a dataset root laid out as
    /// <see cref="DatasetLayout"/> describes. Video is opened frame by frame (training); use
    /// <see cref="VideoClipDataset"/> for evaluation. With <paramref name="cacheBytesPerMedium"/> &gt; 0, each image-like
    /// dataset keeps up to that many bytes of resized images in memory (<see cref="ResizedImageCache"/>).
    /// </summary>
    public static CrossMediaDatasets Open(string root, string split, ImagePreprocessOptions image, TextEncodingOptions text,
        IReadOnlyList<Medium>? media = null, int? classCount = null, long cacheBytesPerMedium = 0)
    {
        var layout = new DatasetLayout(root);
        var wanted = media ?? Core.Media.All;
        ImageListDataset? ImageLikeOf(Medium m) => wanted.Contains(m)
            ? new ImageListDataset(layout.Root, layout.ListPath(m, split), m, image, classCount)
            {
                Cache = cacheBytesPerMedium > 0 ? new ResizedImageCache(cacheBytesPerMedium) : null,
            }
            : null;
        return new CrossMediaDatasets(
            ImageLikeOf(Medium.Image),
            wanted.Contains(Medium.Text) ? new TextListDataset(layout.Root, layout.ListPath(Medium.Text, split), text, classCount) : null,
            ImageLikeOf(Medium.Audio),
            ImageLikeOf(Medium.Video));
    }
}
