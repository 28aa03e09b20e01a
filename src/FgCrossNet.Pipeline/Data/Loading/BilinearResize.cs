using System.Buffers;

namespace FgCrossNet.Data.Loading;

/// <summary>
/// Bilinear resizing as Pillow does it for 8-bit RGB images (<c>Image.resize(size, Image.BILINEAR)</c>, which
/// <c>torchvision.transforms.Resize</c> calls on PIL images): a separable triangle filter whose support grows with the
/// downscale factor (so it antialiases when shrinking), 22-bit fixed-point weights, the horizontal pass first, and the
/// intermediate rounded to 8 bits. Output pixel (x, y) samples the source around ((x + 0.5) * inW / outW, (y + 0.5) *
/// inH / outH). Only a window of the resized image is computed, so resize + crop costs no more than the crop.
/// </summary>
public static class BilinearResize
{
    private const int PrecisionBits = 32 - 8 - 2;

    /// <summary>
    /// Writes the window [<paramref name="left"/>, left+<paramref name="width"/>) x [<paramref name="top"/>,
    /// top+<paramref name="height"/>) of <paramref name="source"/> resized to <paramref name="outWidth"/> x
    /// <paramref name="outHeight"/> into <paramref name="rgb"/>: packed R, G, B bytes, row-major, <c>width*height*3</c>.
    /// </summary>
    public static void ResizeWindow(DecodedImage source, int outWidth, int outHeight, int left, int top, int width, int height, Span<byte> rgb)
    {
        if (outWidth <= 0 || outHeight <= 0) throw new ArgumentOutOfRangeException(nameof(outWidth), "output size must be positive");
        if (left < 0 || top < 0 || width <= 0 || height <= 0 || left + width > outWidth || top + height > outHeight)
            throw new ArgumentOutOfRangeException(nameof(left), $"window {width}x{height}+{left}+{top} is not inside {outWidth}x{outHeight}");
        if (rgb.Length < width * height * 3) throw new ArgumentException("output buffer too small", nameof(rgb));

        var src = source.Rgba;
        int inW = source.Width, inH = source.Height;
        bool resizeX = outWidth != inW, resizeY = outHeight != inH;
        var horizontal = resizeX ? Kernel.Compute(inW, outWidth, left, width) : Kernel.Identity(left, width);
        var vertical = resizeY ? Kernel.Compute(inH, outHeight, top, height) : Kernel.Identity(top, height);

        // Source rows the vertical pass reads; the horizontal pass runs on these only.
        int firstRow = vertical.Start[0], lastRow = vertical.Start[height - 1] + vertical.Size[height - 1];
        int rows = lastRow - firstRow;
        var temp = ArrayPool<byte>.Shared.Rent(rows * width * 3);
        try
        {
            for (int r = 0; r < rows; r++)
            {
                var srcRow = src.Slice((firstRow + r) * inW * 4, inW * 4);
                var dstRow = temp.AsSpan(r * width * 3, width * 3);
                for (int x = 0; x < width; x++)
                {
                    int start = horizontal.Start[x], size = horizontal.Size[x];
                    var k = horizontal.Weights.AsSpan(x * horizontal.KernelSize, size);
                    int s0 = 1 << (PrecisionBits - 1), s1 = s0, s2 = s0;
                    for (int i = 0; i < size; i++)
                    {
                        int p = (start + i) * 4, w = k[i];
                        s0 += srcRow[p] * w;
                        s1 += srcRow[p + 1] * w;
                        s2 += srcRow[p + 2] * w;
                    }
                    dstRow[x * 3] = Clip8(s0);
                    dstRow[x * 3 + 1] = Clip8(s1);
                    dstRow[x * 3 + 2] = Clip8(s2);
                }
            }

            int rowBytes = width * 3;
            for (int y = 0; y < height; y++)
            {
                int start = vertical.Start[y] - firstRow, size = vertical.Size[y];
                var k = vertical.Weights.AsSpan(y * vertical.KernelSize, size);
                var dstRow = rgb.Slice(y * rowBytes, rowBytes);
                for (int c = 0; c < rowBytes; c++)
                {
                    int s = 1 << (PrecisionBits - 1);
                    for (int i = 0; i < size; i++) s += temp[(start + i) * rowBytes + c] * k[i];
                    dstRow[c] = Clip8(s);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(temp);
        }
    }

    private static byte Clip8(int value)
    {
        if (value >= (1 << PrecisionBits << 8)) return 255;
        if (value <= 0) return 0;
        return (byte)(value >> PrecisionBits);
    }

    /// <summary>Per output position: first source index, tap count and fixed-point weights (Pillow's precompute_coeffs).</summary>
    private sealed class Kernel
    {
        public required int[] Start { get; init; }
        public required int[] Size { get; init; }
        public required int[] Weights { get; init; }
        public required int KernelSize { get; init; }

        public static Kernel Identity(int first, int count) => new()
        {
            Start = Enumerable.Range(first, count).ToArray(),
            Size = Enumerable.Repeat(1, count).ToArray(),
            Weights = Enumerable.Repeat(1 << PrecisionBits, count).ToArray(),
            KernelSize = 1,
        };

        public static Kernel Compute(int inSize, int outSize, int first, int count)
        {
            double scale = (double)inSize / outSize;
            double filterScale = Math.Max(scale, 1.0);
            double support = 1.0 * filterScale; // the bilinear (triangle) filter has support 1
            int kernelSize = (int)Math.Ceiling(support) * 2 + 1;
            var start = new int[count];
            var size = new int[count];
            var weights = new int[count * kernelSize];
            var pre = new double[kernelSize];
            for (int o = 0; o < count; o++)
            {
                double center = (first + o + 0.5) * scale;
                double inverse = 1.0 / filterScale;
                // C casts truncate toward zero; these match Pillow's rounding of the window bounds.
                int xmin = (int)(center - support + 0.5);
                if (xmin < 0) xmin = 0;
                int xmax = (int)(center + support + 0.5);
                if (xmax > inSize) xmax = inSize;
                xmax -= xmin;
                double total = 0;
                for (int x = 0; x < xmax; x++)
                {
                    double t = Math.Abs((x + xmin - center + 0.5) * inverse);
                    double w = t < 1.0 ? 1.0 - t : 0.0;
                    pre[x] = w;
                    total += w;
                }
                for (int x = 0; x < xmax; x++)
                {
                    double w = total != 0.0 ? pre[x] / total : pre[x];
                    weights[o * kernelSize + x] = (int)(w < 0 ? -0.5 + w * (1 << PrecisionBits) : 0.5 + w * (1 << PrecisionBits));
                }
                start[o] = xmin;
                size[o] = xmax;
            }
            return new Kernel { Start = start, Size = size, Weights = weights, KernelSize = kernelSize };
        }
    }
}
