using FgCrossNet.IO;
using FgCrossNet.Synthetic;

namespace FgCrossNet.Pipeline.Tests.Synthetic;

public class SyntheticConfigTests
{
    [Fact]
    public void The_documented_default_json_is_the_built_in_default()
    {
        var path = Path.Combine(RepositoryPaths.Root, "data-manifests", "synthetic", "default.json");
        Assert.Equal(new SyntheticConfig().ToJson(), SyntheticConfig.Load(path).ToJson());
    }

    [Fact]
    public void Json_round_trips_and_absent_properties_keep_their_defaults()
    {
        using var dir = new TempFolder();
        var config = new SyntheticConfig { Classes = 7, Seed = 3, Noise = 0.25, Images = new SplitCounts(5, 2), Media = ["text", "image"] };
        File.WriteAllText(dir.File("c.json"), config.ToJson());
        Assert.Equal(config.ToJson(), SyntheticConfig.Load(dir.File("c.json")).ToJson());

        File.WriteAllText(dir.File("partial.json"), "{ \"classes\": 9 }");
        var partial = SyntheticConfig.Load(dir.File("partial.json"));
        Assert.Equal(9, partial.Classes);
        Assert.Equal(new SyntheticConfig().Images, partial.Images);
    }

    [Theory]
    [InlineData("{\n  \"classes\": 20,\n  \"colour\": 3\n}", "colour")]
    [InlineData("{ \"classes\": 0 }", "classes must be in [1, 200]")]
    [InlineData("{ \"noise\": 1.5 }", "noise must be in [0, 1]")]
    [InlineData("{ \"media\": [\"smell\"] }", "'smell' is not one of")]
    [InlineData("{ \"videos\": { \"train\": 2, \"test\": 0 } }", "video: generating it needs at least 1 train and 1 test")]
    [InlineData("{ \"classes\": ", "")]
    public void Bad_configurations_are_input_errors_naming_the_file(string json, string expected)
    {
        using var dir = new TempFolder();
        var path = dir.File("bad.json");
        File.WriteAllText(path, json);
        var e = Assert.Throws<InvalidInputException>(() => SyntheticConfig.Load(path));
        Assert.Equal(path, e.Path);
        Assert.Contains(expected, e.Problem);
    }
}
