using System.Text.Json.Nodes;
using FgCrossNet.Core;
using FgCrossNet.Core.Losses;
using FgCrossNet.IO;
using FgCrossNet.Model;
using FgCrossNet.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace FgCrossNet.Pipeline.Tests.Training;

[Collection(TrainingCollection.Name)]
public class TwoStageTrainerTests(TinyTrainingRoot data)
{
    [Fact]
    public void A_run_stopped_and_resumed_ends_with_the_same_weights_as_an_uninterrupted_run()
    {
        var runs = data.NewRunsFolder();
        // A text warm-up epoch, then stage 2 from stage 1's last epoch, so that every epoch's weights reach the final ones.
        var config = TinyTrainingRoot.Config("stage0.epochs=1", "stage0.media=[\"text\"]", "stage0.batch_per_medium=3", "stage2.init=last_of_previous_stage");
        var straight = TwoStageTrainer.Start(config, data.Root, runs, "straight");
        Assert.True(straight.Completed);
        Assert.Equal(4, straight.EpochsRun);

        // Killed after the warm-up (a stage boundary), then after stage 1 epoch 1, then run to the end.
        var first = TwoStageTrainer.Start(config, data.Root, runs, "resumed", new TrainingOptions { StopAfterEpochs = 1 });
        Assert.False(first.Completed);
        // A crash after the metrics line of the next epoch but before its checkpoint leaves a line to drop.
        File.AppendAllText(Path.Combine(first.RunFolder, RunFolder.MetricsFile), "{\"stage\":1,\"epoch\":1,\"loss_total\":123}\n");
        var second = TwoStageTrainer.Resume(first.RunFolder, options: new TrainingOptions { StopAfterEpochs = 1 });
        Assert.False(second.Completed);
        var third = TwoStageTrainer.Resume(first.RunFolder);
        Assert.True(third.Completed);
        Assert.Equal(2, third.EpochsRun);

        AssertSameTensors(FinalWeights(straight.RunFolder), FinalWeights(first.RunFolder));
        var resumedLog = ReadMetrics(first.RunFolder);
        Assert.Equal(new[] { (0, 1), (1, 1), (1, 2), (2, 1) }, resumedLog.Select(r => ((int)r["stage"]!, (int)r["epoch"]!)));
        Assert.Equal(
            ReadMetrics(straight.RunFolder).Select(r => (double)r["loss_total"]!),
            resumedLog.Select(r => (double)r["loss_total"]!));

        // Resuming a finished run trains nothing and keeps its final weights.
        var again = TwoStageTrainer.Resume(first.RunFolder);
        Assert.Equal(0, again.EpochsRun);
        AssertSameTensors(FinalWeights(straight.RunFolder), FinalWeights(first.RunFolder));
    }

    [Fact]
    public void A_warm_up_stage_trains_its_media_alone_and_stage_one_continues_from_its_last_weights()
    {
        var config = TinyTrainingRoot.Config("stage0.epochs=1", "stage0.media=[\"text\"]", "stage0.batch_per_medium=3", "stage2.epochs=0");
        Dictionary<string, Tensor>? atStageOne = null;
        var result = TwoStageTrainer.Start(config, data.Root, data.NewRunsFolder(), options: new TrainingOptions
        {
            StageStarting = (stage, model, _) =>
            {
                if (stage == 1) atStageOne = model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());
            },
        });
        var checkpoints = Path.Combine(result.RunFolder, RunFolder.CheckpointFolder);
        Assert.NotNull(atStageOne);
        AssertSameTensors(ReadTensors(Path.Combine(checkpoints, "stage0-last.dat")), atStageOne);
        Assert.False(SameTensors(ReadTensors(Path.Combine(checkpoints, "initial.dat")), atStageOne), "the warm-up should have changed the weights");

        var log = ReadMetrics(result.RunFolder);
        Assert.Equal(new[] { 0, 1, 1 }, log.Select(r => (int)r["stage"]!));
        // One medium's cross-entropy at 3 classes starts near ln 3 = 1.10; the four media's sum near 4.39 (and higher
        // right after the warm-up: batch norm then meets the image-like rows).
        Assert.InRange((double)log[0]["loss_classification"]!, 0.3, 2.5);
        Assert.True((double)log[1]["loss_classification"]! > 2.5, $"stage 1 loss {log[1]["loss_classification"]}");
        // Validation covers every medium in every stage.
        foreach (var medium in new[] { "image", "text", "audio", "video" }) Assert.NotNull(log[0][$"val_acc_{medium}"]);
    }

    [Fact]
    public async Task The_starting_weights_depend_on_the_seed_alone_not_on_other_users_of_the_global_generator()
    {
        var runs = data.NewRunsFolder();
        var config = TinyTrainingRoot.Config();
        var quiet = TwoStageTrainer.Start(config, data.Root, runs, "quiet", new TrainingOptions { StopAfterEpochs = 0 });

        // Another thread keeps drawing from TorchSharp's global generator, as a test or notebook cell running alongside would.
        using var stop = new CancellationTokenSource();
        var noise = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
                using (randn(64)) { }
        });
        var busy = TwoStageTrainer.Start(config, data.Root, runs, "busy", new TrainingOptions { StopAfterEpochs = 0 });
        stop.Cancel();
        await noise;

        AssertSameTensors(InitialWeights(quiet.RunFolder), InitialWeights(busy.RunFolder));
        var otherSeed = TwoStageTrainer.Start(TinyTrainingRoot.Config("seed=1"), data.Root, runs, "seed1", new TrainingOptions { StopAfterEpochs = 0 });
        Assert.False(SameTensors(InitialWeights(quiet.RunFolder), InitialWeights(otherSeed.RunFolder)), "another seed should start elsewhere");
    }

    private static Dictionary<string, Tensor> InitialWeights(string runFolder) =>
        ReadTensors(Path.Combine(runFolder, RunFolder.CheckpointFolder, TrainingCheckpoints.InitialModelFile));

    [Fact]
    public void The_metrics_log_has_one_record_per_epoch_with_plainly_named_fields()
    {
        var result = TwoStageTrainer.Start(TinyTrainingRoot.Config(), data.Root, data.NewRunsFolder());
        var records = ReadMetrics(result.RunFolder);
        Assert.Equal(3, records.Count);
        string[] expected =
        [
            "stage", "epoch", "lr", "loss_classification", "loss_center", "loss_ranking", "loss_total", "ranking_positive_fraction",
            "val_acc_image", "val_acc_text", "val_acc_audio", "val_acc_video", "val_acc_mean",
            "val_map_i_t", "val_map_i_a", "val_map_i_v", "val_map_t_i", "val_map_t_a", "val_map_t_v",
            "val_map_a_i", "val_map_a_t", "val_map_a_v", "val_map_v_i", "val_map_v_t", "val_map_v_a",
            "val_map_i_all", "val_map_t_all", "val_map_a_all", "val_map_v_all", "val_map_bimodal_avg", "val_map_multimodal_avg",
            "items_per_second", "seconds",
        ];
        foreach (var record in records)
            foreach (var key in expected)
                Assert.True(record.ContainsKey(key), $"missing '{key}' in {record.ToJsonString()}");

        // Stage 1 has no ranking loss; stage 2 has; StepLR(1, 0.5) restarts with each stage at optimizer.lr x its
        // lr_scale (cpu-small: stage 1 0.01 x 0.5, stage 2 0.01 x 0.25).
        Assert.Null(records[0]["ranking_positive_fraction"]);
        Assert.Equal(0.0, (double)records[0]["loss_ranking"]!);
        Assert.InRange((double)records[2]["ranking_positive_fraction"]!, 0.0, 1.0);
        Assert.True((double)records[2]["loss_ranking"]! > 0);
        Assert.Equal(new[] { 0.005, 0.0025, 0.0025 }, records.Select(r => (double)r["lr"]!));
        foreach (var record in records)
        {
            Assert.InRange((double)record["val_acc_video"]!, 0.0, 1.0);
            Assert.True((double)record["items_per_second"]! > 0);
            double total = (double)record["loss_total"]!;
            double expectedTotal = (double)record["loss_classification"]! + 0.001 * (double)record["loss_center"]!
                                   + ((int)record["stage"]! == 2 ? 0.1 : 0) * (double)record["loss_ranking"]!;
            Assert.Equal(expectedTotal, total, 3);
        }
    }

    [Fact]
    public void Checkpoints_and_summary_are_written_and_load_into_a_fresh_network()
    {
        var result = TwoStageTrainer.Start(TinyTrainingRoot.Config(), data.Root, data.NewRunsFolder());
        var checkpoints = Path.Combine(result.RunFolder, RunFolder.CheckpointFolder);
        foreach (var file in new[] { "final.dat", "final.pth", "last.json", "stage1-best.dat", "stage1-best.centers.dat",
                     "stage1-last.dat", "stage2-best.dat", "stage2-last.dat", "state-s2-e001.model.dat",
                     "state-s2-e001.optimizer.dat", "state-s2-e001.rng.dat", "state-s2-e001.centers.dat" })
            Assert.True(File.Exists(Path.Combine(checkpoints, file)), $"missing {file}");
        Assert.False(File.Exists(Path.Combine(checkpoints, "state-s1-e001.model.dat")), "the previous epoch's state should be removed");

        foreach (var file in new[] { "final.dat", "final.pth", "stage1-best.dat" })
        {
            using var network = FgCrossNetModel.ResNet18(numClasses: 3, textLength: 32);
            var loaded = CheckpointLoader.Load(network, Path.Combine(checkpoints, file));
            Assert.Empty(loaded.Missing);
        }
        AssertSameTensors(FinalWeights(result.RunFolder), ReadTensors(Path.Combine(checkpoints, "final.pth")));

        var state = new TrainingCheckpoints(checkpoints).ReadLast()!;
        Assert.Equal((2, 1), (state.Stage, state.Epoch));
        Assert.Equal(Path.GetFullPath(data.Root), state.DataRoot);

        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(result.RunFolder, RunFolder.SummaryFile)))!;
        foreach (var medium in new[] { "image", "text", "audio", "video" })
            Assert.InRange((double)summary["final"]![$"val_acc_{medium}"]!, 0.0, 1.0);
        Assert.InRange((int)summary["best"]!["stage1"]!["epoch"]!, 1, 2);
        Assert.True((double)summary["seconds"]! > 0);
    }

    [Theory]
    [InlineData("best_of_previous_stage", "stage1-best.dat")]
    [InlineData("last_of_previous_stage", "stage1-last.dat")]
    public void Stage_two_starts_from_the_chosen_stage_one_checkpoint(string init, string expectedFile)
    {
        var config = TinyTrainingRoot.Config($"stage2.init={init}");
        var stopped = TwoStageTrainer.Start(config, data.Root, data.NewRunsFolder(), options: new TrainingOptions { StopAfterEpochs = 2 });
        var checkpoints = Path.Combine(stopped.RunFolder, RunFolder.CheckpointFolder);
        // Make "best" and "last" certainly differ: the best file gets the initial weights.
        File.Copy(Path.Combine(checkpoints, "initial.dat"), Path.Combine(checkpoints, "stage1-best.dat"), overwrite: true);
        File.Copy(Path.Combine(checkpoints, "initial.centers.dat"), Path.Combine(checkpoints, "stage1-best.centers.dat"), overwrite: true);

        Dictionary<string, Tensor>? atStart = null;
        TwoStageTrainer.Resume(stopped.RunFolder, options: new TrainingOptions
        {
            StageStarting = (stage, model, _) =>
            {
                if (stage == 2) atStart = model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());
            },
        });
        Assert.NotNull(atStart);
        AssertSameTensors(ReadTensors(Path.Combine(checkpoints, expectedFile)), atStart);
        var other = expectedFile == "stage1-best.dat" ? "stage1-last.dat" : "stage1-best.dat";
        Assert.False(SameTensors(ReadTensors(Path.Combine(checkpoints, other)), atStart), $"stage 2 should not start from {other}");
    }

    [Theory]
    [InlineData("fresh")]
    [InlineData("carry")]
    public void Stage_two_starts_with_fresh_centers_or_carries_the_stage_one_centers(string centers)
    {
        var config = TinyTrainingRoot.Config($"stage2.centers={centers}", "stage2.init=last_of_previous_stage", "evaluation.map_every_epochs=0");
        Tensor? atStart = null;
        var options = new TrainingOptions
        {
            StageStarting = (stage, _, c) => { if (stage == 2) atStart = c.Centers.detach().clone(); },
        };
        var result = TwoStageTrainer.Start(config, data.Root, data.NewRunsFolder(), options: options);
        Assert.NotNull(atStart);
        var checkpoints = Path.Combine(result.RunFolder, RunFolder.CheckpointFolder);
        var stageOne = ReadTensors(Path.Combine(checkpoints, "stage1-last.centers.dat")).Values.Single();
        var initial = ReadTensors(Path.Combine(checkpoints, "initial.centers.dat")).Values.Single();
        if (centers == "carry")
        {
            Assert.True(atStart.equal(stageOne).all().item<bool>());
            return;
        }
        // New N(0, 1) draws: neither stage 1's trained centers nor the run's initial ones, and the same in every run of the seed.
        Assert.False(atStart.equal(stageOne).all().item<bool>());
        Assert.False(atStart.equal(initial).all().item<bool>());
        Assert.InRange(atStart.std().item<float>(), 0.7, 1.3);
        using var centersAgain = new FgCrossNet.Core.Losses.CenterLoss(3, 3);
        SeededNetwork.DrawFreshCenters(config, 2, centersAgain);
        Assert.True(atStart.equal(centersAgain.Centers).all().item<bool>());
    }

    [Fact]
    public void Each_stage_starts_at_the_base_rate_times_its_lr_scale()
    {
        var config = TinyTrainingRoot.Config("stage1.lr_scale=2", "stage2.lr_scale=0.5", "evaluation.map_every_epochs=0");
        var result = TwoStageTrainer.Start(config, data.Root, data.NewRunsFolder());
        // optimizer.lr 0.01, StepLR(1, 0.5): stage 1 from 0.02, stage 2 from 0.005.
        Assert.Equal(new[] { 0.02, 0.01, 0.005 }, ReadMetrics(result.RunFolder).Select(r => (double)r["lr"]!));
    }

    [Theory]
    [InlineData(1.0, 0.1, 0.45)]
    [InlineData(3.0, 0.45, 1.5)]
    public void Text_branch_gain_scales_conv0_of_the_initial_weights(double gain, double lowStd, double highStd)
    {
        // conv0's 27 weights start as N(0, 2/27) (std 0.27); the gain multiplies them. The test checks the saved initial
        // weights' spread rather than comparing two runs, so that it does not depend on which random numbers each run drew.
        var run = TwoStageTrainer.Start(TinyTrainingRoot.Config($"model.text_branch_gain={gain}"), data.Root, data.NewRunsFolder(),
            options: new TrainingOptions { StopAfterEpochs = 0 });
        var initial = ReadTensors(Path.Combine(run.RunFolder, RunFolder.CheckpointFolder, TrainingCheckpoints.InitialModelFile));
        double std = initial["conv0.weight"].std().item<float>();
        Assert.InRange(std, lowStd, highStd);
    }

    [Fact]
    public void Tensor_counts_stay_flat_across_epochs()
    {
        var live = new List<long>();
        TwoStageTrainer.Start(TinyTrainingRoot.Config("stage1.epochs=4", "stage2.epochs=0", "evaluation.map_every_epochs=2"),
            data.Root, data.NewRunsFolder(), options: new TrainingOptions
            {
                EpochCompleted = _ => live.Add(DisposeScopeManager.Statistics.ThreadTotalLiveCount),
            });
        Assert.Equal(4, live.Count);
        // Epoch 1 creates the optimizer's momentum buffers; after it nothing may accumulate.
        Assert.True(live[1] == live[2] && live[2] == live[3], $"live tensors after each epoch: {string.Join(", ", live)}");
    }

    [Fact]
    public void Data_problems_are_reported_before_a_run_folder_is_created()
    {
        var runs = data.NewRunsFolder();
        var missingRoot = Path.Combine(runs, "no-such-root");
        var e = Assert.Throws<InvalidInputException>(() => TwoStageTrainer.Start(TinyTrainingRoot.Config(), missingRoot, runs));
        Assert.Contains("no-such-root", e.Message);

        var wrongSplit = Assert.Throws<InvalidInputException>(() =>
            TwoStageTrainer.Start(TinyTrainingRoot.Config("evaluation.split=val"), data.Root, runs));
        Assert.Contains("val.txt", wrongSplit.Message);

        var pretrained = Assert.Throws<InvalidInputException>(() =>
            TwoStageTrainer.Start(TinyTrainingRoot.Config("model.pretrained=/nowhere/resnet18.pth"), data.Root, runs));
        Assert.Contains("/nowhere/resnet18.pth", pretrained.Message);

        // The tiny root has 4 training texts per class, 12 in all.
        var batch = Assert.Throws<InvalidInputException>(() =>
            TwoStageTrainer.Start(TinyTrainingRoot.Config("stage0.epochs=1", "stage0.media=[\"text\"]", "stage0.batch_per_medium=16"), data.Root, runs));
        Assert.Contains("stage0.batch_per_medium = 16", batch.Message);
        Assert.Contains("text has 12 items", batch.Message);

        Assert.Empty(Directory.GetDirectories(runs));
    }

    internal static Dictionary<string, Tensor> FinalWeights(string runFolder) =>
        ReadTensors(Path.Combine(runFolder, RunFolder.CheckpointFolder, TrainingCheckpoints.FinalTorchSharpFile));

    internal static Dictionary<string, Tensor> ReadTensors(string path) =>
        CheckpointContents.Read(path).Tensors.ToDictionary(kv => kv.Key, kv => kv.Value);

    private static IReadOnlyList<JsonObject> ReadMetrics(string runFolder) =>
        File.ReadAllLines(Path.Combine(runFolder, RunFolder.MetricsFile)).Where(l => l.Length > 0).Select(l => (JsonObject)JsonNode.Parse(l)!).ToList();

    private static bool SameTensors(IReadOnlyDictionary<string, Tensor> expected, IReadOnlyDictionary<string, Tensor> actual) =>
        expected.Count == actual.Count && expected.All(kv => actual.TryGetValue(kv.Key, out var a) && Identical(kv.Value, a));

    /// <summary>torch.equal: same shape, type and every element equal.</summary>
    private static bool Identical(Tensor a, Tensor b)
    {
        if (!a.shape.SequenceEqual(b.shape) || a.dtype != b.dtype) return false;
        using var same = a.eq(b).all();
        return same.item<bool>();
    }

    internal static void AssertSameTensors(IReadOnlyDictionary<string, Tensor> expected, IReadOnlyDictionary<string, Tensor> actual)
    {
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        var different = expected.Where(kv => !Identical(kv.Value, actual[kv.Key])).Select(kv => kv.Key).ToList();
        Assert.True(different.Count == 0, $"{different.Count} tensors differ: {string.Join(", ", different.Take(5))}");
    }
}
