using FgCrossNet.Core;
using FgCrossNet.Data;
using FgCrossNet.Data.Loading;

namespace FgCrossNet.Pipeline.Tests.Data.Loading;

public class ResizedImageCacheTests
{
    [Fact]
    public void CachedItemsGiveTheSameInputsAsDecodingWithAugmentation()
    {
        using var dir = new TempFolder();
        LoadingFixtures.WriteSmallRoot(dir.Path);
        var list = new DatasetLayout(dir.Path).ListPath(Medium.Image, "train");
        var options = new ImagePreprocessOptions { Scale = 30, Crop = 21, Augmentation = ImageAugmentation.RandomCropAndFlip };
        var plain = new ImageListDataset(dir.Path, list, Medium.Image, options);
        var cached = new ImageListDataset(dir.Path, list, Medium.Image, options) { Cache = new ResizedImageCache(long.MaxValue) };
        for (int pass = 0; pass < 2; pass++) // the first pass fills the cache, the second reads from it
        {
            for (int i = 0; i < plain.Count; i++)
            {
                var a = new float[plain.ItemLength];
                var b = new float[plain.ItemLength];
                plain.Prepare(i, new Random(100 * pass + i), a);
                cached.Prepare(i, new Random(100 * pass + i), b);
                Assert.Equal(a, b);
            }
        }
        Assert.Equal(plain.Count, cached.Cache!.Count);
        Assert.Equal(plain.Count * 30 * 30 * 3, cached.Cache.Bytes);
    }

    [Fact]
    public void TheCacheStopsAddingAtItsCapacity()
    {
        var cache = new ResizedImageCache(250);
        Assert.True(cache.TryAdd(0, new byte[100]));
        Assert.True(cache.TryAdd(1, new byte[100]));
        Assert.False(cache.TryAdd(2, new byte[100]));
        Assert.False(cache.TryAdd(0, new byte[10])); // already held
        Assert.Equal(200, cache.Bytes);
        Assert.Equal(2, cache.Count);
    }
}
