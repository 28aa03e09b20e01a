using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FgCrossNet.Core.Retrieval;

/// <summary>
/// Ranks a gallery made of consecutive segments (for FG-XMedia: the four media stacked) for every query, and returns
/// the ranks of the relevant items both within each segment alone and within the whole gallery, from one pass over
/// one cosine-similarity row per query.
/// </summary>
/// <remarks>
/// Ranking as in <see cref="RelevantRanks"/>. AP needs only the ranks of the relevant items, so no row is sorted: the
/// relevant items' similarities are sorted (there are few), each gallery item is assigned the number of relevant items
/// ranked before it (a monotone bucket lookup, exact on ties), and prefix sums of those counts give every rank.
/// </remarks>
public static class SegmentedRanker
{
    private const int QueryBlock = 96; // a multiple of CosineSimilarityKernel.MicroRows

    /// <summary>Ranks of relevant items per segment and over the whole gallery.</summary>
    public sealed record Result(IReadOnlyList<RelevantRanks> PerSegment, RelevantRanks Whole);

    /// <param name="queries">Query features.</param>
    /// <param name="queryLabels">One label per query.</param>
    /// <param name="gallery">Gallery features (same dimension).</param>
    /// <param name="galleryLabels">One label per gallery item.</param>
    /// <param name="segmentStarts">Start index of each segment in the gallery, ascending, first 0; a segment ends where the next starts.</param>
    /// <param name="excludedGalleryItem">Per query, a gallery index left out of its ranking (its own item), or -1; null for none.</param>
    /// <param name="maxDegreeOfParallelism">Worker threads; null for all cores.</param>
    public static Result Rank(
        FeatureMatrix queries, int[] queryLabels, FeatureMatrix gallery, int[] galleryLabels,
        int[] segmentStarts, int[]? excludedGalleryItem = null, int? maxDegreeOfParallelism = null)
    {
        Validate(queries, queryLabels, gallery, galleryLabels, segmentStarts, excludedGalleryItem);
        int segments = segmentStarts.Length;
        int[] segmentOf = new int[gallery.Rows];
        for (int s = 0; s < segments; s++)
            segmentOf.AsSpan(segmentStarts[s], SegmentEnd(segmentStarts, s, gallery.Rows) - segmentStarts[s]).Fill(s);

        var relevantByLabel = galleryLabels.Select((label, index) => (label, index))
            .GroupBy(x => x.label).ToDictionary(g => g.Key, g => g.Select(x => x.index).ToArray());

        // Offsets of every query's ranks are known in advance from the labels, so workers write disjoint slots.
        var segmentOffsets = new int[segments][];
        for (int s = 0; s < segments; s++) segmentOffsets[s] = new int[queries.Rows + 1];
        var wholeOffsets = new int[queries.Rows + 1];
        for (int q = 0; q < queries.Rows; q++)
        {
            int excluded = excludedGalleryItem?[q] ?? -1;
            var relevant = relevantByLabel.GetValueOrDefault(queryLabels[q]) ?? [];
            int total = 0;
            for (int s = 0; s < segments; s++)
            {
                int count = 0;
                foreach (var g in relevant) if (segmentOf[g] == s && g != excluded) count++;
                segmentOffsets[s][q + 1] = segmentOffsets[s][q] + count;
                total += count;
            }
            wholeOffsets[q + 1] = wholeOffsets[q] + total;
        }
        var segmentRanks = segmentOffsets.Select(o => new int[o[^1]]).ToArray();
        var wholeRanks = new int[wholeOffsets[^1]];

        var kernel = new CosineSimilarityKernel(gallery);
        int blocks = (queries.Rows + QueryBlock - 1) / QueryBlock;
        float[] normalisedQueries = CosineSimilarityKernel.Normalise(queries, blocks * QueryBlock);
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism ?? Environment.ProcessorCount };
        Parallel.For(0, blocks, options,
            () => new Scratch(QueryBlock * kernel.PaddedGallerySize, segments),
            (block, _, scratch) =>
            {
                int start = block * QueryBlock;
                kernel.Compute(normalisedQueries, start, QueryBlock, scratch.Similarities);
                int end = Math.Min(queries.Rows, start + QueryBlock);
                for (int q = start; q < end; q++)
                {
                    var row = scratch.Similarities.AsSpan((q - start) * kernel.PaddedGallerySize, gallery.Rows);
                    var relevant = relevantByLabel.GetValueOrDefault(queryLabels[q]) ?? [];
                    RankRow(row, relevant, excludedGalleryItem?[q] ?? -1, segmentStarts, segmentOf, scratch,
                        q, segmentOffsets, segmentRanks, wholeOffsets, wholeRanks);
                }
                return scratch;
            },
            _ => { });

        var perSegment = Enumerable.Range(0, segments)
            .Select(s => new RelevantRanks(segmentOffsets[s], segmentRanks[s], queryLabels)).ToArray();
        return new Result(perSegment, new RelevantRanks(wholeOffsets, wholeRanks, queryLabels));
    }

    private static void RankRow(
        ReadOnlySpan<float> row, int[] relevant, int excluded, int[] segmentStarts, int[] segmentOf, Scratch scratch,
        int q, int[][] segmentOffsets, int[][] segmentRanks, int[] wholeOffsets, int[] wholeRanks)
    {
        int k = scratch.LoadThresholds(row, relevant, excluded);
        if (k == 0) return;
        int segments = segmentStarts.Length;
        var hist = scratch.Histograms(k);
        for (int s = 0; s < segments; s++)
        {
            int a = segmentStarts[s], b = SegmentEnd(segmentStarts, s, row.Length);
            var h = hist.Slice(s * (k + 1), k + 1);
            if (excluded >= a && excluded < b)
            {
                scratch.Count(row, a, excluded, h);
                scratch.Count(row, excluded + 1, b, h);
            }
            else scratch.Count(row, a, b, h);
        }

        // r_j (0-based j in ranking order) has rank sum_{p<=j} hist[p] in any gallery that contains it: every item
        // counted there is ranked before it, or is r_j itself.
        Span<int> cumulative = stackalloc int[segments];
        Span<int> written = stackalloc int[segments];
        cumulative.Clear();
        written.Clear();
        var indices = scratch.ThresholdIndices;
        for (int j = 0; j < k; j++)
        {
            int whole = 0;
            for (int s = 0; s < segments; s++)
            {
                cumulative[s] += hist[s * (k + 1) + j];
                whole += cumulative[s];
            }
            int seg = segmentOf[indices[j]];
            segmentRanks[seg][segmentOffsets[seg][q] + written[seg]++] = cumulative[seg];
            wholeRanks[wholeOffsets[q] + j] = whole;
        }
    }

    private static int SegmentEnd(int[] starts, int s, int total) => s + 1 < starts.Length ? starts[s + 1] : total;

    private static void Validate(FeatureMatrix queries, int[] queryLabels, FeatureMatrix gallery, int[] galleryLabels,
        int[] segmentStarts, int[]? excluded)
    {
        if (queries.Dimension != gallery.Dimension)
            throw new ArgumentException($"Queries have {queries.Dimension} dimensions, the gallery {gallery.Dimension}.");
        if (queryLabels.Length != queries.Rows) throw new ArgumentException("One label per query is needed.");
        if (galleryLabels.Length != gallery.Rows) throw new ArgumentException("One label per gallery item is needed.");
        if (segmentStarts.Length == 0 || segmentStarts[0] != 0) throw new ArgumentException("Segments must start at 0.");
        for (int s = 1; s < segmentStarts.Length; s++)
            if (segmentStarts[s] < segmentStarts[s - 1] || segmentStarts[s] > gallery.Rows)
                throw new ArgumentException("Segment starts must be ascending and within the gallery.");
        if (excluded is not null && excluded.Length != queries.Rows) throw new ArgumentException("One excluded index per query is needed.");
        if (queries.FirstNonFiniteRow() is var badQ and >= 0) throw new ArgumentException($"Query {badQ} has a NaN or infinite value.");
        if (gallery.FirstNonFiniteRow() is var badG and >= 0) throw new ArgumentException($"Gallery item {badG} has a NaN or infinite value.");
    }

    /// <summary>Per-worker buffers: one block of similarity rows and the sorted relevant items of the current row.</summary>
    private sealed unsafe class Scratch(int similarityLength, int segments)
    {
        public readonly float[] Similarities = new float[similarityLength];
        private ulong[] _keys = new ulong[64];
        private float[] _sims = new float[64];
        public int[] ThresholdIndices = new int[64];
        private int[] _subHist = new int[Lanes * 65];
        private const int BucketsPerRelevantItem = 32, MaxBuckets = 8192;

        // One histogram per vector lane: increments of one counter are then at least 8 items apart, long enough for
        // the previous store to complete (a single shared histogram stalls on its hottest counter).
        private const int Lanes = 8;
        private int[] _binStart = new int[65];
        private int[] _bucketEntry = new int[64];
        private int[] _hist = new int[65 * segments];
        private int _k, _bins;
        private float _max, _min, _scale;

        /// <summary>Sorts the relevant items of a row by ranking order and builds the bucket table; returns their count.</summary>
        public int LoadThresholds(ReadOnlySpan<float> row, int[] relevant, int excluded)
        {
            int k = 0;
            EnsureCapacity(relevant.Length);
            foreach (var g in relevant)
            {
                if (g == excluded) continue;
                // -0 becomes +0 so that bit order and float order agree; ties fall back on the index in the low half.
                _keys[k++] = ((ulong)DescendingBits(row[g] + 0f) << 32) | (uint)g;
            }
            _k = k;
            if (k == 0) return 0;
            Array.Sort(_keys, 0, k);
            for (int j = 0; j < k; j++)
            {
                ThresholdIndices[j] = (int)(uint)_keys[j];
                _sims[j] = row[ThresholdIndices[j]];
            }
            _max = _sims[0];
            _min = _sims[k - 1];
            _bins = (int)Math.Min(MaxBuckets, BitOperations.RoundUpToPowerOf2((uint)(BucketsPerRelevantItem * k)));
            float range = _max - _min;
            _scale = range > 0 ? _bins / range : 0;
            if (!float.IsFinite(_scale)) _scale = 0;
            // The worst relevant item must land inside the uniform buckets, so that the bucket "below all" stays empty.
            while (_scale > 0 && MathF.Floor(range * _scale) >= _bins) _scale = MathF.BitDecrement(_scale);
            if (_bucketEntry.Length < _bins + 2)
            {
                _binStart = new int[_bins + 3];
                _bucketEntry = new int[_bins + 2];
            }
            // _binStart[b] = number of relevant items whose bucket is below b (buckets are monotone in ranking order);
            // a bucket's entry is that count when the bucket holds no relevant item, else ~(its first relevant item).
            int filled = 0;
            for (int j = 0; j < k; j++)
            {
                int bucket = Bucket(_sims[j]);
                if (bucket < filled) continue; // same bucket as relevant item j-1
                _binStart.AsSpan(filled, bucket + 1 - filled).Fill(j);
                _bucketEntry.AsSpan(filled, bucket - filled).Fill(j);
                _bucketEntry[bucket] = ~j;
                filled = bucket + 1;
            }
            _binStart.AsSpan(filled, _bins + 3 - filled).Fill(k);
            _bucketEntry.AsSpan(filled, _bins + 2 - filled).Fill(k);
            return k;
        }

        public Span<int> Histograms(int k)
        {
            var h = _hist.AsSpan(0, (k + 1) * segments);
            h.Clear();
            return h;
        }

        /// <summary>Adds, for each gallery item in [a, b), one to hist[number of relevant items ranked before it].</summary>
        /// <remarks>
        /// Buckets split [worst, best] relevant similarity uniformly, many more buckets than relevant items, so most
        /// gallery items fall in a bucket that holds no relevant item: their count is read from the table with no
        /// comparison (relevant items of other buckets are strictly better or worse). Items in a bucket that holds
        /// relevant items are compared with those by exact 64-bit keys (descending similarity bits, then gallery
        /// index). Items above the best or below the worst relevant item clamp into the first or last bucket, which
        /// hold the best and worst relevant items.
        /// </remarks>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Count(ReadOnlySpan<float> row, int a, int b, Span<int> hist)
        {
            int stride = _k + 1;
            _subHist.AsSpan(0, Lanes * stride).Clear();
            float max = _max, scale = _scale, lastBucket = _bins + 1;
            int* buckets = stackalloc int[8];
            fixed (float* rowP = row)
            fixed (int* entry = _bucketEntry)
            fixed (int* binStart = _binStart)
            fixed (ulong* keys = _keys)
            fixed (int* sub = _subHist)
            {
                int* sub1 = sub + stride, sub2 = sub + 2 * stride, sub3 = sub + 3 * stride;
                int* sub4 = sub + 4 * stride, sub5 = sub + 5 * stride, sub6 = sub + 6 * stride, sub7 = sub + 7 * stride;
                int g = a;
                if (Vector256.IsHardwareAccelerated)
                {
                    var vMax = Vector256.Create(max);
                    var vScale = Vector256.Create(scale);
                    var vLast = Vector256.Create(lastBucket);
                    for (; g + 8 <= b; g += 8)
                    {
                        var v = Vector256.Load(rowP + g);
                        var bucket = Vector256.Floor((vMax - v) * vScale) + Vector256<float>.One;
                        Vector256.ConvertToInt32(Vector256.Min(Vector256.Max(bucket, Vector256<float>.Zero), vLast)).Store(buckets);
                        sub[Position(entry, binStart, keys, buckets[0], rowP, g)]++;
                        sub1[Position(entry, binStart, keys, buckets[1], rowP, g + 1)]++;
                        sub2[Position(entry, binStart, keys, buckets[2], rowP, g + 2)]++;
                        sub3[Position(entry, binStart, keys, buckets[3], rowP, g + 3)]++;
                        sub4[Position(entry, binStart, keys, buckets[4], rowP, g + 4)]++;
                        sub5[Position(entry, binStart, keys, buckets[5], rowP, g + 5)]++;
                        sub6[Position(entry, binStart, keys, buckets[6], rowP, g + 6)]++;
                        sub7[Position(entry, binStart, keys, buckets[7], rowP, g + 7)]++;
                    }
                }
                for (; g < b; g++)
                {
                    sub[Position(entry, binStart, keys, Bucket(rowP[g]), rowP, g)]++;
                }
            }
            for (int lane = 0; lane < Lanes; lane++)
            {
                var laneHist = _subHist.AsSpan(lane * stride, stride);
                for (int p = 0; p < stride; p++) hist[p] += laneHist[p];
            }
        }

        /// <summary>Number of relevant items ranked before gallery item g (similarity rowP[g]) that falls in <paramref name="bucket"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static int Position(int* entry, int* binStart, ulong* keys, int bucket, float* rowP, int g)
        {
            int e = entry[bucket];
            return e >= 0 ? e : ComparePosition(~e, binStart[bucket + 1], keys, rowP[g], g);
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static int ComparePosition(int lo, int hi, ulong* keys, float s, int g)
        {
            ulong key = ((ulong)DescendingBits(s + 0f) << 32) | (uint)g;
            while (lo < hi && keys[lo] < key) lo++;
            return lo;
        }

        /// <summary>
        /// Bucket of a similarity: 0 above the best relevant item, 1 .. bins uniformly from best to worst, bins + 1 below
        /// the worst. Monotone (never increases with s), which is all exactness needs; the same function places the
        /// relevant items.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private int Bucket(float s) => (int)Math.Min(Math.Max(MathF.Floor((_max - s) * _scale) + 1f, 0f), _bins + 1f);
        private void EnsureCapacity(int n)
        {
            if (ThresholdIndices.Length >= n) return;
            int size = (int)BitOperations.RoundUpToPowerOf2((uint)n);
            _keys = new ulong[size];
            _sims = new float[size];
            ThresholdIndices = new int[size];
            _subHist = new int[Lanes * (size + 1)];
            _hist = new int[(size + 1) * segments];
        }

        /// <summary>
        /// Maps a float (not NaN, -0 already turned into +0) to bits whose unsigned order is the float's DESCENDING
        /// order: positive values get their magnitude bits inverted (below 2^31), negative values keep theirs.
        /// </summary>
        private static uint DescendingBits(float s)
        {
            uint bits = BitConverter.SingleToUInt32Bits(s);
            return bits ^ (~(uint)((int)bits >> 31) & 0x7FFF_FFFFu);
        }
    }
}
