using System.Text.Json.Nodes;
using FgCrossNet.Data.Loading;
using FgCrossNet.IO;
using FgCrossNet.Model;
using FgCrossNet.Training;

namespace FgCrossNet.Pipeline.Tests.Training;

public class ExperimentConfigTests
{
    [Fact]
    public void Paper_config_is_the_reference_recipe()
    {
        var c = ExperimentConfigLoader.Load("paper");
        Assert.Equal((50, 512, 448, 448, 4), (c.Model.Depth, c.Data.ImageScale, c.Data.Crop, c.Data.TextLength, c.Data.BatchPerMedium));
        Assert.Equal((0.001, 0.9, 3, 0.5), (c.Optimizer.Lr, c.Optimizer.Momentum, c.Optimizer.StepEpochs, c.Optimizer.Gamma));
        Assert.Equal((50, 0.001, 0.0), (c.Stage1.Epochs, c.Stage1.CenterWeight, c.Stage1.RankingWeight));
        Assert.Equal((50, 0.001, 0.1, StageInit.BestOfPreviousStage), (c.Stage2.Epochs, c.Stage2.CenterWeight, c.Stage2.RankingWeight, c.Stage2.Init));
        Assert.Equal((1.0, 0.5), (c.Stage2.AnchorNegativeMargin, c.Stage2.NegativePairMargin));
        // No deviation from the reference: both stages start at optimizer.lr, the text branch keeps its initialisation.
        Assert.Equal((1.0, 1.0, 1.0), (c.Stage1.LrScale, c.Stage2.LrScale, c.Model.TextBranchGain));
        Assert.Equal(0, c.Stage0.Epochs);
        Assert.Equal((4, 4), (LoaderOptionsMapping.Media(c, c.Stage1).Count, LoaderOptionsMapping.BatchPerMedium(c, c.Stage1)));
        // docs/reference-deviations.md: the reference's text, video, sampling, augmentation and stage-2 centers.
        Assert.Equal((TextVocabulary.Reference, true, false, true), (c.Data.TextVocabulary, c.Data.TextLastLineOnly, c.Data.TextLowercase, c.Data.TextRandomPadding));
        Assert.Equal((VideoFrameSelection.AllListed, VideoPooling.MeanLogits), (c.Data.VideoFrames, c.Data.VideoPooling));
        Assert.Equal((BatchPolicy.ReferenceZipTruncate, false, 0.0), (c.Data.Sampling, c.Data.Augment, c.Optimizer.WeightDecay));
        Assert.Equal((StageCenters.Fresh, RetrievalFeature.Softmax), (c.Stage2.Centers, c.Evaluation.RetrievalFeature));
    }

    [Fact]
    public void Cpu_paper_is_paper_at_cpu_scale()
    {
        var paper = ExperimentConfigLoader.Load("paper");
        var c = ExperimentConfigLoader.Load("cpu-paper");
        // What cpu-paper changes: sizes, depth, classes, steps, the ImageNet source, the device and the sampling policy.
        var scaled = paper with
        {
            Name = c.Name,
            Device = c.Device,
            Model = paper.Model with { Depth = 18, Classes = 20, Pretrained = "imagenet" },
            Data = paper.Data with
            {
                ImageScale = 108, Crop = 96, TextLength = 96, Sampling = BatchPolicy.BalancedShuffled,
                Workers = c.Data.Workers, Prefetch = c.Data.Prefetch,
            },
            Stage1 = paper.Stage1 with { Epochs = 10, StepsPerEpoch = 40 },
            Stage2 = paper.Stage2 with { Epochs = 3, StepsPerEpoch = 40 },
            Evaluation = paper.Evaluation with { MapEveryEpochs = c.Evaluation.MapEveryEpochs },
        };
        Assert.Equal(ExperimentConfigLoader.ToJson(scaled), ExperimentConfigLoader.ToJson(c));
    }

    [Fact]
    public void Cpu_small_deviations_are_explicit_keys()
    {
        var c = ExperimentConfigLoader.Load("cpu-small");
        Assert.Equal((0.5, 0.25), (c.Stage1.LrScale, c.Stage2.LrScale));
        Assert.Equal(3.0, c.Model.TextBranchGain);
        Assert.True(c.Data.TextLowercase);
        Assert.True(c.Stage0.Epochs > 0);
        Assert.Equal([FgCrossNet.Core.Medium.Text], LoaderOptionsMapping.Media(c, c.Stage0));
        Assert.Equal((16, 4), (LoaderOptionsMapping.BatchPerMedium(c, c.Stage0), LoaderOptionsMapping.BatchPerMedium(c, c.Stage1)));
    }

    [Fact]
    public void Built_in_configs_are_listed_and_valid()
    {
        Assert.Contains("paper", ExperimentConfigLoader.BuiltInNames);
        Assert.Contains("cpu-small", ExperimentConfigLoader.BuiltInNames);
        foreach (var name in ExperimentConfigLoader.BuiltInNames) Assert.Equal(name, ExperimentConfigLoader.Load(name).Name);
    }

    [Fact]
    public void Overrides_set_numbers_lists_and_enums()
    {
        var c = ExperimentConfigLoader.Load("cpu-small",
            ["optimizer.lr=0.05", "data.media=[\"image\",\"text\"]", "data.sampling=reference_zip_truncate", "stage2.ranking_weight=0", "name=ablation-1"]);
        Assert.Equal(0.05, c.Optimizer.Lr);
        Assert.Equal(new[] { "image", "text" }, c.Data.Media);
        Assert.Equal(FgCrossNet.Data.Loading.BatchPolicy.ReferenceZipTruncate, c.Data.Sampling);
        Assert.Equal(0, c.Stage2.RankingWeight);
        Assert.Equal("ablation-1", c.Name);
    }

    [Theory]
    [InlineData("optimizer.lrr=1", "optimizer.lrr", "unknown key 'lrr'")]
    [InlineData("optimizer.lr=abc", "optimizer.lr", "wrong type")]
    [InlineData("model.depth=19", "model.depth", "one of 18, 34, 50, 101, 152")]
    [InlineData("data.crop=600", "data.image_scale", ">= data.crop")]
    [InlineData("data.text_length=15", "data.text_length", "even")]
    [InlineData("data.text_length=64", "data.text_length", "equal to data.crop")]
    [InlineData("data.media=[\"image\",\"smell\"]", "data.media", "image, text, audio, video")]
    [InlineData("optimizer.momentum=1", "optimizer.momentum", "[0, 1)")]
    [InlineData("stage1.init=best_of_previous_stage", "stage1.init", "it starts where stage 0 ended")]
    [InlineData("stage2.lr_scale=0", "stage2.lr_scale", "> 0")]
    [InlineData("stage1.lr_scale=-1", "stage1.lr_scale", "> 0")]
    [InlineData("model.text_branch_gain=0", "model.text_branch_gain", "> 0")]
    [InlineData("model.text_branch_gain=\"x\"", "model.text_branch_gain", "wrong type")]
    [InlineData("stage0.media=[\"smell\"]", "stage0.media", "a subset of data.media")]
    [InlineData("stage0.media=[\"text\",\"text\"]", "stage0.media", "without repeats")]
    [InlineData("stage0.batch_per_medium=-1", "stage0.batch_per_medium", ">= 0")]
    [InlineData("stage0.init=last_of_previous_stage", "stage0.init", "no previous stage")]
    [InlineData("stage2.ranking_margin1=-1", "stage2.ranking_margin1/2", ">= 0")]
    [InlineData("stage2.anchor_negative_margin=1", "stage2.anchor_negative_margin", "ranking_margin1, ranking_margin2")]
    [InlineData("lr", "--set", "not key=value")]
    public void Bad_values_name_the_key(string assignment, string key, string problem)
    {
        var e = Assert.Throws<InvalidInputException>(() => ExperimentConfigLoader.Load("cpu-small", [assignment]));
        Assert.Contains(key, e.Message);
        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void Unknown_key_in_a_file_names_the_file_and_the_key()
    {
        using var dir = new TempFolder();
        var path = dir.File("my.json");
        File.WriteAllText(path, """{ "name": "x", "optimizer": { "lr": 0.1, "momentom": 0.9 } }""");
        var e = Assert.Throws<InvalidInputException>(() => ExperimentConfigLoader.Load(path));
        Assert.StartsWith(path, e.Message);
        Assert.Contains("optimizer.momentom", e.Message);
    }

    [Fact]
    public void Unknown_config_name_lists_the_built_ins()
    {
        var e = Assert.Throws<InvalidInputException>(() => ExperimentConfigLoader.Load("gpu-huge"));
        Assert.Contains("cpu-small", e.Message);
    }

    [Fact]
    public void Resolved_config_round_trips_through_json()
    {
        var c = ExperimentConfigLoader.Load("cpu-small", ["seed=7", "data.sampling=reference_zip_truncate"]);
        var again = ExperimentConfigLoader.Parse(JsonNode.Parse(ExperimentConfigLoader.ToJson(c))!, "resolved");
        Assert.Equal(ExperimentConfigLoader.ToJson(c), ExperimentConfigLoader.ToJson(again));
        Assert.Equal(7, again.Seed);
    }

    [Fact]
    public void The_margins_keep_the_papers_keys_ranking_margin1_and_2_in_overrides_files_and_resolved_configs()
    {
        var c = ExperimentConfigLoader.Load("cpu-small", ["stage2.ranking_margin1=0.7", "stage2.ranking_margin2=0.2"]);
        Assert.Equal((0.7, 0.2), (c.Stage2.AnchorNegativeMargin, c.Stage2.NegativePairMargin));
        Assert.Equal((0.7, 0.2), (StageLossWeights.From(c.Stage2).AnchorNegativeMargin, StageLossWeights.From(c.Stage2).NegativePairMargin));
        var stage2 = JsonNode.Parse(ExperimentConfigLoader.ToJson(c))!["stage2"]!;
        Assert.Equal((0.7, 0.2), (stage2["ranking_margin1"]!.GetValue<double>(), stage2["ranking_margin2"]!.GetValue<double>()));
        Assert.Null(stage2["anchor_negative_margin"]);

        using var dir = new TempFolder();
        var path = dir.File("margins.json");
        File.WriteAllText(path, """{ "name": "m", "stage1": { "ranking_margin1": 2, "ranking_margin2": 0.75 } }""");
        var fromFile = ExperimentConfigLoader.Load(path);
        Assert.Equal((2.0, 0.75), (fromFile.Stage1.AnchorNegativeMargin, fromFile.Stage1.NegativePairMargin));
    }
}
