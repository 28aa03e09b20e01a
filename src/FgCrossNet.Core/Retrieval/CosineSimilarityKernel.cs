using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FgCrossNet.Core.Retrieval;

/// <summary>
/// Cosine similarities between every item of one set and every item of a gallery, computed block by block so that a
/// caller can rank one block of queries at a time without holding the whole similarity matrix.
/// </summary>
/// <remarks>
/// cos(q, g) = q·g / (|q| |g|), computed in float32 as the dot product of L2-normalised rows. A zero row has similarity 0
/// with every item (its cosine is undefined). The gallery is packed in panels of <see cref="PanelWidth"/> columns so the
/// inner loop is a register-blocked 6 x 16 FMA kernel.
/// </remarks>
public sealed unsafe class CosineSimilarityKernel
{
    public const int PanelWidth = 16;
    public const int MicroRows = 6;
    private const int ChunkPanels = 16; // 256 gallery columns x D floats stay in L2 while a query block streams over them

    private readonly float[] _packedGallery;
    private readonly int _dimension;

    public CosineSimilarityKernel(FeatureMatrix gallery)
    {
        _dimension = gallery.Dimension;
        GallerySize = gallery.Rows;
        PaddedGallerySize = (gallery.Rows + PanelWidth - 1) / PanelWidth * PanelWidth;
        var normalised = Normalise(gallery, PaddedGallerySize);
        _packedGallery = new float[(long)PaddedGallerySize * _dimension];
        int panels = PaddedGallerySize / PanelWidth;
        for (int p = 0; p < panels; p++)
            for (int c = 0; c < PanelWidth; c++)
            {
                int row = p * PanelWidth + c;
                for (int k = 0; k < _dimension; k++)
                    _packedGallery[((long)p * _dimension + k) * PanelWidth + c] = normalised[(long)row * _dimension + k];
            }
    }

    public int GallerySize { get; }

    /// <summary>Row stride of the similarity blocks this kernel writes (gallery size rounded up to a panel).</summary>
    public int PaddedGallerySize { get; }

    /// <summary>L2-normalises the rows of <paramref name="m"/> into a new array of <paramref name="paddedRows"/> rows (extra rows zero).</summary>
    public static float[] Normalise(FeatureMatrix m, int paddedRows)
    {
        int d = m.Dimension;
        var result = new float[(long)paddedRows * d];
        for (int i = 0; i < m.Rows; i++)
        {
            var row = m.Row(i);
            double norm2 = 0;
            foreach (var v in row) norm2 += (double)v * v;
            if (norm2 == 0) continue;
            float inv = (float)(1.0 / Math.Sqrt(norm2));
            var dst = result.AsSpan(i * d, d);
            for (int k = 0; k < d; k++) dst[k] = row[k] * inv;
        }
        return result;
    }

    /// <summary>
    /// Writes similarities of the normalised query rows <c>queries[rowStart .. rowStart+rowCount)</c> (row stride D,
    /// <paramref name="rowCount"/> a multiple of <see cref="MicroRows"/>, rows present in the array) against the whole
    /// gallery into <paramref name="output"/>: row r at <c>output[r * PaddedGallerySize ..]</c>.
    /// </summary>
    public void Compute(float[] normalisedQueries, int rowStart, int rowCount, float[] output)
    {
        if (rowCount % MicroRows != 0) throw new ArgumentException($"rowCount must be a multiple of {MicroRows}.", nameof(rowCount));
        if (output.Length < (long)rowCount * PaddedGallerySize) throw new ArgumentException("Output buffer too small.", nameof(output));
        int panels = PaddedGallerySize / PanelWidth;
        fixed (float* q = normalisedQueries, g = _packedGallery, o = output)
        {
            for (int chunk = 0; chunk < panels; chunk += ChunkPanels)
            {
                int chunkEnd = Math.Min(panels, chunk + ChunkPanels);
                for (int r = 0; r < rowCount; r += MicroRows)
                {
                    float* qRows = q + (long)(rowStart + r) * _dimension;
                    for (int p = chunk; p < chunkEnd; p++)
                    {
                        float* panel = g + (long)p * _dimension * PanelWidth;
                        float* dst = o + (long)r * PaddedGallerySize + p * PanelWidth;
                        if (Vector256.IsHardwareAccelerated)
                            MicroKernel(qRows, panel, dst, _dimension, PaddedGallerySize);
                        else
                            ScalarKernel(qRows, panel, dst, _dimension, PaddedGallerySize);
                    }
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MicroKernel(float* q, float* panel, float* dst, int d, int stride)
    {
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector256<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        float* q0 = q, q1 = q + d, q2 = q + 2 * d, q3 = q + 3 * d, q4 = q + 4 * d, q5 = q + 5 * d;
        for (int k = 0; k < d; k++)
        {
            var b0 = Vector256.Load(panel + k * PanelWidth);
            var b1 = Vector256.Load(panel + k * PanelWidth + 8);
            var a = Vector256.Create(q0[k]);
            c00 = Vector256.FusedMultiplyAdd(a, b0, c00); c01 = Vector256.FusedMultiplyAdd(a, b1, c01);
            a = Vector256.Create(q1[k]);
            c10 = Vector256.FusedMultiplyAdd(a, b0, c10); c11 = Vector256.FusedMultiplyAdd(a, b1, c11);
            a = Vector256.Create(q2[k]);
            c20 = Vector256.FusedMultiplyAdd(a, b0, c20); c21 = Vector256.FusedMultiplyAdd(a, b1, c21);
            a = Vector256.Create(q3[k]);
            c30 = Vector256.FusedMultiplyAdd(a, b0, c30); c31 = Vector256.FusedMultiplyAdd(a, b1, c31);
            a = Vector256.Create(q4[k]);
            c40 = Vector256.FusedMultiplyAdd(a, b0, c40); c41 = Vector256.FusedMultiplyAdd(a, b1, c41);
            a = Vector256.Create(q5[k]);
            c50 = Vector256.FusedMultiplyAdd(a, b0, c50); c51 = Vector256.FusedMultiplyAdd(a, b1, c51);
        }
        c00.Store(dst); c01.Store(dst + 8);
        c10.Store(dst + stride); c11.Store(dst + stride + 8);
        c20.Store(dst + 2 * stride); c21.Store(dst + 2 * stride + 8);
        c30.Store(dst + 3 * stride); c31.Store(dst + 3 * stride + 8);
        c40.Store(dst + 4 * stride); c41.Store(dst + 4 * stride + 8);
        c50.Store(dst + 5 * stride); c51.Store(dst + 5 * stride + 8);
    }

    private static void ScalarKernel(float* q, float* panel, float* dst, int d, int stride)
    {
        for (int r = 0; r < MicroRows; r++)
            for (int c = 0; c < PanelWidth; c++)
            {
                float sum = 0;
                for (int k = 0; k < d; k++) sum = MathF.FusedMultiplyAdd(q[r * d + k], panel[k * PanelWidth + c], sum);
                dst[r * stride + c] = sum;
            }
    }
}
