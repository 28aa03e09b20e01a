namespace FgCrossNet.Data.Loading;

/// <summary>
/// Turns a decoded image into normalised float CHW values per <see cref="ImagePreprocessOptions"/>: Pillow-style
/// bilinear resize (<see cref="BilinearResize"/>), centre or random crop, optional mirror, ToTensor scaling and
/// normalisation computed in float32 exactly as torchvision does (<c>(p / 255f - mean) / std</c>). Thread-safe.
/// </summary>
public sealed class ImagePreprocessor
{
    private readonly float[][] _lookup; // per channel: the normalised value of each byte 0..255

    public ImagePreprocessor(ImagePreprocessOptions options)
    {
        options.Validate();
        Options = options;
        _lookup = new float[3][];
        for (int c = 0; c < 3; c++)
        {
            _lookup[c] = new float[256];
            for (int v = 0; v < 256; v++) _lookup[c][v] = (v / 255f - options.Mean[c]) / options.Std[c];
        }
    }

    public ImagePreprocessOptions Options { get; }

    /// <summary>Values per item: 3 * Crop * Crop.</summary>
    public int ItemLength => 3 * Options.Crop * Options.Crop;

    /// <summary>
    /// Where the crop lies in the resized image. Centre: offset <c>round((Scale - Crop) / 2)</c> with ties to even, as
    /// torchvision's CenterCrop (Python's round). Random: each offset uniform in [0, Scale - Crop], mirrored with
    /// probability 1/2; needs <paramref name="random"/>.
    /// </summary>
    public (int Left, int Top, bool Mirror) CropWindow(Random? random)
    {
        int slack = Options.Scale - Options.Crop;
        if (Options.Augmentation == ImageAugmentation.None)
        {
            int offset = (int)Math.Round(slack / 2.0, MidpointRounding.ToEven);
            return (offset, offset, false);
        }
        if (random is null) throw new ArgumentException("random crop and flip needs a random generator", nameof(random));
        int left = random.Next(slack + 1), top = random.Next(slack + 1);
        return (left, top, random.Next(2) == 1);
    }

    /// <summary>Writes the network input for <paramref name="image"/> into <paramref name="destination"/> ([3, Crop, Crop]).</summary>
    public void Preprocess(DecodedImage image, Random? random, Span<float> destination)
    {
        CheckDestination(destination);
        int crop = Options.Crop;
        var (left, top, mirror) = CropWindow(random);
        var rgb = new byte[crop * crop * 3];
        BilinearResize.ResizeWindow(image, Options.Scale, Options.Scale, left, top, crop, crop, rgb);
        Normalise(rgb, crop, 0, 0, mirror, destination);
    }

    /// <summary>
    /// The evaluation crop before normalisation, for the ONNX export (which normalises inside its graph): the same resize
    /// and centre crop as <see cref="Preprocess"/> without a random generator, written as float32 byte values 0..255, CHW
    /// in R, G, B order ([3, Crop, Crop]).
    /// </summary>
    public void PreprocessRaw(DecodedImage image, Span<float> destination)
    {
        CheckDestination(destination);
        int crop = Options.Crop, plane = crop * crop;
        var (left, top, _) = CropWindow(null);
        var rgb = new byte[crop * crop * 3];
        BilinearResize.ResizeWindow(image, Options.Scale, Options.Scale, left, top, crop, crop, rgb);
        for (int i = 0; i < plane; i++)
        {
            destination[i] = rgb[i * 3];
            destination[plane + i] = rgb[i * 3 + 1];
            destination[2 * plane + i] = rgb[i * 3 + 2];
        }
    }

    /// <summary>The whole resized image, Scale x Scale packed RGB bytes (what <see cref="ResizedImageCache"/> keeps).</summary>
    public byte[] Resize(DecodedImage image)
    {
        var rgb = new byte[Options.Scale * Options.Scale * 3];
        BilinearResize.ResizeWindow(image, Options.Scale, Options.Scale, 0, 0, Options.Scale, Options.Scale, rgb);
        return rgb;
    }

    /// <summary>The network input from an already resized image (<see cref="Resize"/>); same result as <see cref="Preprocess"/>.</summary>
    public void PreprocessResized(ReadOnlySpan<byte> resizedRgb, Random? random, Span<float> destination)
    {
        CheckDestination(destination);
        if (resizedRgb.Length != Options.Scale * Options.Scale * 3) throw new ArgumentException("not a Scale x Scale RGB image", nameof(resizedRgb));
        var (left, top, mirror) = CropWindow(random);
        Normalise(resizedRgb, Options.Scale, left, top, mirror, destination);
    }

    private void CheckDestination(Span<float> destination)
    {
        if (destination.Length != ItemLength) throw new ArgumentException($"destination holds {destination.Length} values, expected {ItemLength}", nameof(destination));
    }

    /// <summary>Crop [left, left+Crop) x [top, top+Crop) of an RGB image <paramref name="width"/> wide, mirrored or not, normalised to CHW.</summary>
    private void Normalise(ReadOnlySpan<byte> rgb, int width, int left, int top, bool mirror, Span<float> destination)
    {
        int crop = Options.Crop, plane = crop * crop;
        var r = _lookup[0];
        var g = _lookup[1];
        var b = _lookup[2];
        for (int y = 0; y < crop; y++)
        {
            for (int x = 0; x < crop; x++)
            {
                int source = ((top + y) * width + left + (mirror ? crop - 1 - x : x)) * 3, target = y * crop + x;
                destination[target] = r[rgb[source]];
                destination[plane + target] = g[rgb[source + 1]];
                destination[2 * plane + target] = b[rgb[source + 2]];
            }
        }
    }
}
