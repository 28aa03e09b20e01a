using FgCrossNet.Experiments;
using FgCrossNet.IO;

namespace FgCrossNet.Pipeline.Tests.Experiments;

public class AblationGridTests
{
    private static AblationGrid Load(string text, string extension = ".yaml")
    {
        using var folder = new TempFolder();
        var path = folder.File("grid" + extension);
        File.WriteAllText(path, text);
        return AblationGrid.Load(path);
    }

    [Fact]
    public void Every_shipped_grid_loads_and_every_cell_config_is_valid()
    {
        var grids = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "data-manifests", "ablations"), "*.yaml");
        Assert.Contains(grids, g => g.EndsWith("text-warm-up.yaml", StringComparison.Ordinal));
        foreach (var path in grids)
        {
            var grid = AblationGrid.Load(path);
            Assert.NotEmpty(grid.Cells);
            foreach (var cell in grid.Cells) Assert.Equal(cell.Seed, grid.ConfigOf(cell).Seed);
        }
        var warmUp = AblationGrid.Load(grids.Single(g => g.EndsWith("text-warm-up.yaml", StringComparison.Ordinal)));
        Assert.Equal(new[] { 10, 0 }, warmUp.Cells.Select(c => warmUp.ConfigOf(c).Stage0.Epochs).Distinct());
    }

    [Fact]
    public void Cells_are_the_product_of_the_varied_values_in_file_order_then_seeds()
    {
        var grid = Load("""
            name: g
            base: cpu-small
            set: [stage1.epochs=1]
            vary:
              stage2.ranking_weight: [0.1, 0]
              data.sampling: [balanced_shuffled, reference_zip_truncate]
              data.media: [[image, text], [image, text, audio, video]]
            seeds: [0, 7]
            """);
        Assert.Equal(2 * 2 * 2 * 2, grid.Cells.Count);
        Assert.Equal("stage2.ranking_weight=0.1__data.sampling=balanced_shuffled__data.media=image+text__seed=0", grid.Cells[0].Name);
        Assert.Equal(7, grid.Cells[1].Seed);
        Assert.Equal(grid.Cells[0].Row, grid.Cells[1].Row);
        Assert.Equal("stage2.ranking_weight=0.1, data.sampling=balanced_shuffled, data.media=[\"image\",\"text\"]", grid.Cells[0].Label);
        Assert.Equal(grid.Cells[0].Row, grid.BaseRow);
        Assert.Equal(16, grid.Cells.Select(c => c.Name).Distinct().Count());

        var last = grid.ConfigOf(grid.Cells[^1]);
        Assert.Equal(0, last.Stage2.RankingWeight);
        Assert.Equal(1, last.Stage1.Epochs);
        Assert.Equal(7, last.Seed);
        Assert.Equal(new[] { "image", "text", "audio", "video" }, last.Data.Media);
        Assert.Equal("g", last.Name);
    }

    [Fact]
    public void Varying_config_compares_whole_recipes_with_the_other_keys_applied_to_each()
    {
        var grid = Load("""
            name: recipes
            vary:
              config: [cpu-paper, cpu-small]
              stage2.ranking_weight: [0.1, 0]
            seeds: [3]
            """);
        Assert.Equal(4, grid.Cells.Count);
        Assert.Equal("config=cpu-paper__stage2.ranking_weight=0.1", grid.BaseRow);
        var configs = grid.Cells.Select(grid.ConfigOf).ToArray();
        Assert.Equal(new[] { 0.001, 0.001, 0.01, 0.01 }, configs.Select(c => c.Optimizer.Lr));   // cpu-paper's, then cpu-small's
        Assert.Equal(new[] { 0.1, 0.0, 0.1, 0.0 }, configs.Select(c => c.Stage2.RankingWeight));
        Assert.All(configs, c => Assert.Equal((3, "recipes"), (c.Seed, c.Name)));
        Assert.DoesNotContain(grid.Cells[0].Overrides, o => o.StartsWith("config=", StringComparison.Ordinal));
    }

    [Fact]
    public void A_JSON_grid_reads_the_same_as_YAML()
    {
        var yaml = Load("name: g\nbase: cpu-small\nvary:\n  optimizer.lr: [0.01, 0.001]\nseeds: [1]\n");
        var json = Load("""{ "name": "g", "base": "cpu-small", "vary": { "optimizer.lr": [0.01, 0.001] }, "seeds": [1] }""", ".json");
        Assert.Equal(yaml.Cells.Select(c => string.Join(" ", c.Overrides)), json.Cells.Select(c => string.Join(" ", c.Overrides)));
        Assert.Equal(0.001, json.ConfigOf(json.Cells[1]).Optimizer.Lr);
    }

    [Theory]
    [InlineData("name: g\nbase: cpu-small\nvary:\n  stage2.no_such_key: [1]\n", "stage2.no_such_key")]
    [InlineData("name: g\nbase: cpu-small\nvary:\n  optimizer.lr: [0.01, -3]\n", "optimizer.lr")]
    [InlineData("name: g\nbase: no-such-config\n", "no-such-config")]
    [InlineData("name: g\nbase: cpu-small\nseedz: [1]\n", "seedz")]
    [InlineData("name: g\nbase: cpu-small\nseeds: [1, x]\n", "seeds")]
    [InlineData("base: cpu-small\n", "name")]
    [InlineData("name: g\nbase: cpu-small\nvary: [1, 2\n", "not valid YAML")]
    public void Problems_are_refused_naming_the_file_and_the_key(string text, string expected)
    {
        var e = Assert.Throws<InvalidInputException>(() => Load(text));
        Assert.Contains("grid.yaml", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Theory]
    [InlineData(7, 1)]
    [InlineData(7, 3)]
    [InlineData(4, 4)]
    [InlineData(2, 5)]
    public void The_shards_of_a_grid_cover_every_cell_exactly_once(int cells, int shards)
    {
        var all = Enumerable.Range(0, cells).Select(i => new AblationCell(i, [], i, [])).ToList();
        var covered = Enumerable.Range(1, shards).SelectMany(k => all.Where(new GridShard(k, shards).Contains)).Select(c => c.Index).Order();
        Assert.Equal(Enumerable.Range(0, cells), covered);
    }

    [Theory]
    [InlineData("0/2")]
    [InlineData("3/2")]
    [InlineData("1")]
    [InlineData("a/b")]
    public void Bad_shards_are_refused(string text) =>
        Assert.Contains("--shard", Assert.Throws<InvalidInputException>(() => GridShard.Parse(text)).Message);
}
