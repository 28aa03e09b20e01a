using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using FgCrossNet.Core;
using FgCrossNet.Core.Losses;
using FgCrossNet.IO;
using FgCrossNet.Model;
using FgCrossNet.Data.Loading;
using FgCrossNet.Progress;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FgCrossNet.Training;

/// <summary>
/// FGCrossNet's two-stage training, after an optional warm-up. Stage 0 (off unless <c>stage0.epochs</c> &gt; 0, not in
/// the reference): any losses on a subset of the media (<c>stage0.media</c>) with its own batch, e.g. the text alone.
/// Stage 1: classification + center loss from where stage 0 ended, else from <c>model.pretrained</c> (a torchvision
/// ImageNet ResNet or an FGCrossNet checkpoint) or a random start. Stage 2: + ranking loss, from stage 1's best epoch
/// (highest mean per-medium validation accuracy) or last epoch (<c>stage2.init</c>), with fresh centers (the
/// reference's new run) or the ones saved with that model (<c>stageN.centers</c>). Each stage has its own SGD (over the model's parameters and the centers, one optimizer) and its own
/// step schedule (<see cref="StepLearningRate"/>), starting at <c>optimizer.lr</c> × the stage's <c>lr_scale</c>. After every epoch: validation (<see cref="ValidationSet"/>), a line in
/// <c>metrics.jsonl</c> (<see cref="EpochRecord"/>) and a resumable checkpoint (<see cref="TrainingCheckpoints"/>).
/// At the end: <c>final.pth</c>, <c>final.dat</c> and <c>summary.json</c>.
/// </summary>
/// <remarks>
/// Resuming restores the model, centers, optimizer (momentum buffers), epoch (hence the schedule) and TorchSharp's RNG;
/// the loader's shuffling and augmentation are functions of (seed, epoch, step), so a resumed run on the CPU ends with
/// the same weights as an uninterrupted one (with the same TorchSharp thread count: parallel reductions may round differently).
/// </remarks>
public static class TwoStageTrainer
{
    /// <summary>
    /// Checks everything that can be checked (the pretrained checkpoint, every list and every item of the data), then
    /// creates <c>runsRoot/&lt;time&gt;_&lt;name&gt;/</c> (name defaults to the config's), writes the resolved config
    /// (with <c>data.root</c>) and trains.
    /// </summary>
    public static TrainingResult Start(ExperimentConfig config, string dataRoot, string runsRoot, string? name = null, TrainingOptions? options = null) =>
        StartNew(config, dataRoot, () => RunFolder.Create(runsRoot, name ?? config.Name), options);

    /// <summary>As <see cref="Start"/>, in the run folder <paramref name="runFolder"/> itself (refused when it already holds a run).</summary>
    public static TrainingResult StartIn(ExperimentConfig config, string dataRoot, string runFolder, TrainingOptions? options = null) =>
        StartNew(config, dataRoot, () => RunFolder.CreateAt(runFolder), options);

    private static TrainingResult StartNew(ExperimentConfig config, string dataRoot, Func<RunFolder> createFolder, TrainingOptions? options)
    {
        options ??= new TrainingOptions();
        CheckPretrained(config);
        var data = TrainingData.Open(config, dataRoot);
        CheckStageBatches(config, data);
        data.CheckItems(config, options.Log);
        config = config with { Data = config.Data with { Root = data.Root } };
        using var run = createFolder();
        run.WriteConfig(config);
        options.Log?.Invoke($"run folder: {run.Path}");
        return Train(config, data, run, resumeFrom: null, options);
    }

    /// <summary>
    /// Continues the run in <paramref name="runFolder"/> from its last completed epoch (the data root defaults to the
    /// one it was trained on, its config's <c>data.root</c>). Metrics of epochs after that checkpoint are dropped from the log.
    /// </summary>
    public static TrainingResult Resume(string runFolder, string? dataRoot = null, TrainingOptions? options = null)
    {
        options ??= new TrainingOptions();
        using var run = RunFolder.Open(runFolder);
        var config = run.ReadConfig();
        var checkpoints = new TrainingCheckpoints(run.CheckpointsPath);
        var state = checkpoints.ReadLast();
        // Runs from before data.root was recorded know their root only from a completed epoch's state.
        var root = dataRoot ?? (config.Data.Root.Length > 0 ? config.Data.Root : null) ?? (state is { DataRoot.Length: > 0 } ? state.DataRoot : null)
            ?? throw new InvalidInputException(run.Path, "the run does not record its data root (no data.root in its config, no epoch completed): give it (--data)");
        var data = TrainingData.Open(config, root);
        data.CheckItems(config, options.Log);
        run.TruncateMetrics(r => state is not null && IsAtOrBefore(r, state.Stage, state.Epoch));
        options.Log?.Invoke(state is null
            ? $"resuming {run.Path} from the start (no epoch had completed)"
            : $"resuming {run.Path} after stage {state.Stage} epoch {state.Epoch}");
        return Train(config, data, run, state, options);
    }

    private static bool IsAtOrBefore(JsonObject record, int stage, int epoch)
    {
        int s = record["stage"]?.GetValue<int>() ?? int.MaxValue;
        int e = record["epoch"]?.GetValue<int>() ?? int.MaxValue;
        return s < stage || (s == stage && e <= epoch);
    }

    /// <summary>The pretrained checkpoint exists, reads and fits the config's network (loaded into a throw-away one).</summary>
    private static void CheckPretrained(ExperimentConfig config)
    {
        var path = config.Model.Pretrained;
        if (path == ImageNetResNet18.PretrainedName)
        {
            ImageNetResNet18.Check();
            return;
        }
        if (path.Length == 0) return;
        if (!File.Exists(path)) throw new InvalidInputException(path, "model.pretrained: no such checkpoint file");
        using var network = FgCrossNetModel.Create((ResNetDepth)config.Model.Depth, config.Model.Classes, config.Data.TextLength);
        LoadPretrained(network, path, _ => { });
    }

    private static TrainingResult Train(ExperimentConfig config, TrainingData data, RunFolder run, TrainingState? resumeFrom, TrainingOptions options)
    {
        var log = options.Log ?? (_ => { });
        var clock = Stopwatch.StartNew();
        var device = TrainingDevice.Resolve(config.Device, log);
        if (config.Threads > 0) set_num_threads(config.Threads);
        var checkpoints = new TrainingCheckpoints(run.CheckpointsPath);

        random.manual_seed(config.Seed);
        var network = SeededNetwork.Create(config);
        using var model = network.Model;
        using var centers = network.Centers;
        if (resumeFrom is null)
        {
            // A run resumed before its first epoch completed starts again from the weights it started from.
            if (File.Exists(checkpoints.PathOf(TrainingCheckpoints.InitialModelFile)))
                checkpoints.LoadModel(TrainingCheckpoints.InitialModelFile, TrainingCheckpoints.InitialCentersFile, model, centers);
            else
            {
                // The gain scales the fresh text branch; an FGCrossNet checkpoint then replaces it with its own.
                if (config.Model.TextBranchGain != 1) TextBranchGain.Apply(model, config.Model.TextBranchGain);
                if (config.Model.Pretrained.Length > 0) LoadPretrained(model, config.Model.Pretrained, log);
                checkpoints.SaveModel(TrainingCheckpoints.InitialModelFile, TrainingCheckpoints.InitialCentersFile, model, centers);
            }
        }
        model.to(device);
        centers.to(device);
        model.train();

        var best = resumeFrom?.Best ?? new Dictionary<string, BestEpoch>();
        double elapsedBefore = resumeFrom?.ElapsedSeconds ?? 0;
        int epochsRun = 0;
        IReadOnlyDictionary<Medium, double> lastAccuracy = new Dictionary<Medium, double>();
        var stages = config.Stages;
        // The whole call's steps (what is left of the run, up to StopAfterEpochs): its rate includes validation, so its ETA is the run's.
        var runProgress = ProgressMeter.Start(options.Progress, $"training {run.Name}",
            options.Progress is null ? 0 : StepsToRun(config, data, resumeFrom, options.StopAfterEpochs), "steps");
        TrainingResult Stopped()
        {
            runProgress.Finish();
            return new(run.Path, false, epochsRun, lastAccuracy, clock.Elapsed.TotalSeconds);
        }

        foreach (var (s, stage) in stages)
        {
            if (stage.Epochs == 0) continue;
            if (resumeFrom is not null && (resumeFrom.Stage > s || (resumeFrom.Stage == s && resumeFrom.Epoch >= stage.Epochs))) continue;

            double stageLr = config.Optimizer.Lr * stage.LrScale;
            var (optimizer, groupScales) = StageOptimizer.Create(model, centers, config.Optimizer, stageLr);
            using var disposeOptimizer = optimizer;
            int startEpoch = 1;
            if (resumeFrom is not null && resumeFrom.Stage == s)
            {
                checkpoints.LoadLast(resumeFrom, model, centers, optimizer);
                startEpoch = resumeFrom.Epoch + 1;
            }
            else
            {
                // A resume at a stage boundary continues the RNG stream of the last completed epoch, as an uninterrupted run would.
                if (resumeFrom is not null) checkpoints.LoadRng(resumeFrom);
                InitialiseStage(s, stage, config, checkpoints, model, centers, log);
            }
            resumeFrom = null;
            if (startEpoch == 1) options.StageStarting?.Invoke(s, model, centers);

            using var loader = data.Loader(config, stage);
            var step = new TrainingStep(model, centers, optimizer, StageLossWeights.From(stage), device);
            int itemsPerStep = LoaderOptionsMapping.RowsPerStep(config, stage);
            // Epochs before this stage: the loader's epoch numbers continue (so every stage's shuffles differ) and so does the MAP schedule.
            int epochsBefore = stages.TakeWhile(x => x.Number < s).Sum(x => x.Config.Epochs);
            bool lastStageOfRun = stages.All(x => x.Number <= s || x.Config.Epochs == 0);
            for (int epoch = startEpoch; epoch <= stage.Epochs; epoch++)
            {
                if (options.StopAfterEpochs is { } stopAfter && epochsRun >= stopAfter) return Stopped();
                if (options.Cancellation.IsCancellationRequested) return Stopped();

                var epochClock = Stopwatch.StartNew();
                double lr = StepLearningRate.At(stageLr, config.Optimizer.StepEpochs, config.Optimizer.Gamma, epoch - 1);
                foreach (var (group, scale) in optimizer.ParamGroups.Zip(groupScales)) group.LearningRate = lr * scale;

                double classification = 0, center = 0, ranking = 0, total = 0, positive = 0;
                int steps = 0, positiveSteps = 0;
                var epochName = $"stage {s} epoch {epoch}/{stage.Epochs}";
                var epochProgress = ProgressMeter.Start(options.Progress, epochName, loader.StepsPerEpoch, "steps");
                foreach (var batch in loader.Epoch(epochsBefore + epoch - 1))
                {
                    StepLosses losses;
                    using (batch) losses = step.Run(batch);
                    classification += losses.Classification;
                    center += losses.Center;
                    ranking += losses.Ranking;
                    total += losses.Total;
                    if (losses.RankingPositiveFraction is { } fraction)
                    {
                        positive += fraction;
                        positiveSteps++;
                    }
                    steps++;
                    epochProgress.Report(steps, total / steps);
                    runProgress.Advance(1, total / steps);
                }
                double trainSeconds = epochClock.Elapsed.TotalSeconds;
                epochProgress.Finish(total / Math.Max(1, steps));

                int globalEpoch = epochsBefore + epoch;
                bool lastEpochOfRun = lastStageOfRun && epoch == stage.Epochs;
                bool computeMap = config.Evaluation.MapEveryEpochs > 0 && (globalEpoch % config.Evaluation.MapEveryEpochs == 0 || lastEpochOfRun);
                var validation = data.Validation.Evaluate(model, computeMap, device, options.Progress, $"{epochName} validation");
                lastAccuracy = validation.Accuracy;

                int n = Math.Max(1, steps);
                var record = new EpochRecord(s, epoch, lr, classification / n, center / n, ranking / n, total / n,
                    positiveSteps > 0 ? positive / positiveSteps : null, validation,
                    trainSeconds > 0 ? steps * itemsPerStep / trainSeconds : 0, epochClock.Elapsed.TotalSeconds);
                var json = record.ToJson();
                if (config.Data.SkipBadItems)
                {
                    data.NoteSkipped(loader.Statistics);
                    json["skipped_items"] = data.SkippedItems.Count;
                }
                run.AppendMetrics(json);

                var key = s.ToString(CultureInfo.InvariantCulture);
                if (!best.TryGetValue(key, out var bestSoFar) || validation.MeanAccuracy > bestSoFar.MeanAccuracy)
                {
                    best[key] = new BestEpoch(epoch, validation.MeanAccuracy, validation.Accuracy.ToDictionary(kv => kv.Key.FolderName(), kv => kv.Value));
                    checkpoints.SaveModel(TrainingCheckpoints.BestModelFile(s), TrainingCheckpoints.BestCentersFile(s), model, centers);
                }
                if (epoch == stage.Epochs)
                    checkpoints.SaveModel(TrainingCheckpoints.StageLastModelFile(s), TrainingCheckpoints.StageLastCentersFile(s), model, centers);
                checkpoints.SaveLast(new TrainingState
                {
                    Stage = s,
                    Epoch = epoch,
                    DataRoot = data.Root,
                    LearningRate = lr,
                    Best = best,
                    ElapsedSeconds = elapsedBefore + clock.Elapsed.TotalSeconds,
                }, model, centers, optimizer);
                epochsRun++;
                log(FormatEpoch(record));
                options.EpochCompleted?.Invoke(record);
            }
        }

        // Resuming a run whose last epoch had completed trains nothing: its final model is that epoch's.
        if (resumeFrom is not null) checkpoints.LoadModel(resumeFrom.ModelFile, resumeFrom.CentersFile, model, centers);
        checkpoints.SaveFinal(model);
        double seconds = elapsedBefore + clock.Elapsed.TotalSeconds;
        var summary = Summary(config, run, best, seconds);
        if (config.Data.SkipBadItems)
        {
            summary["skipped_item_count"] = data.SkippedItems.Count;
            summary["skipped_items"] = new JsonArray([.. data.SkippedItems.Select(m => (JsonNode?)m)]);
        }
        run.WriteSummary(summary);
        if (lastAccuracy.Count == 0) lastAccuracy = FinalAccuracyFromLog(run);
        runProgress.Finish();
        log($"done in {seconds:F0} s; final model: {checkpoints.PathOf(TrainingCheckpoints.FinalPyTorchFile)}");
        return new TrainingResult(run.Path, true, epochsRun, lastAccuracy, clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// The steps a <see cref="Train"/> call runs: every epoch after <paramref name="resumeFrom"/>, the first
    /// <paramref name="stopAfter"/> of them when given, at its stage loader's steps per epoch.
    /// </summary>
    private static long StepsToRun(ExperimentConfig config, TrainingData data, TrainingState? resumeFrom, int? stopAfter)
    {
        var epochs = new List<int>();
        foreach (var (s, stage) in config.Stages.Where(x => x.Config.Epochs > 0))
        {
            int first = resumeFrom is null || resumeFrom.Stage < s ? 1 : resumeFrom.Stage == s ? resumeFrom.Epoch + 1 : stage.Epochs + 1;
            if (first > stage.Epochs) continue;
            using var loader = data.Loader(config, stage);
            epochs.AddRange(Enumerable.Repeat(loader.StepsPerEpoch, stage.Epochs - first + 1));
        }
        return epochs.Take(stopAfter ?? int.MaxValue).Sum(steps => (long)steps);
    }

    /// <summary>Every stage that trains can draw its batches from the data (enough items of each of its media).</summary>
    private static void CheckStageBatches(ExperimentConfig config, TrainingData data)
    {
        foreach (var (s, stage) in config.Stages.Where(x => x.Config.Epochs > 0))
        {
            try
            {
                using var loader = data.Loader(config, stage);
            }
            catch (ArgumentException e)
            {
                string key = stage.BatchPerMedium > 0 ? $"stage{s}.batch_per_medium" : "data.batch_per_medium";
                throw new InvalidInputException(data.Root, $"stage {s} ({key} = {LoaderOptionsMapping.BatchPerMedium(config, stage)}): {e.Message}");
            }
        }
    }

    private static void LoadPretrained(FgCrossNetModel model, string path, Action<string> log)
    {
        if (path == ImageNetResNet18.PretrainedName)
        {
            using var imagenet = ImageNetResNet18.Read();
            log($"pretrained weights: ImageNet ResNet-18 from {ImageNetResNet18.ModelPath}: {CheckpointLoader.Load(model, imagenet, CheckpointLoadOptions.ImageNetBackbone)}");
            return;
        }
        using var contents = CheckpointContents.Read(path);
        // An FGCrossNet checkpoint has the text branch; a torchvision ResNet has neither it nor a fitting classifier.
        bool isFgCrossNet = contents.Tensors.Keys.Any(k => k == "embed.weight" || k == CheckpointLoader.DataParallelPrefix + "embed.weight");
        var result = CheckpointLoader.Load(model, contents, isFgCrossNet ? CheckpointLoadOptions.Strict : CheckpointLoadOptions.ImageNetBackbone);
        log($"pretrained weights from {path}: {result}");
    }

    private static void InitialiseStage(int s, StageConfig stage, ExperimentConfig config, TrainingCheckpoints checkpoints,
        FgCrossNetModel model, CenterLoss centers, Action<string> log)
    {
        (string Model, string Centers)? source = stage.Init switch
        {
            // Stage 1 starts where the warm-up ended (also when a run is resumed at that boundary).
            StageInit.Pretrained when s == 1 && config.Stage0.Epochs > 0 => (TrainingCheckpoints.StageLastModelFile(0), TrainingCheckpoints.StageLastCentersFile(0)),
            StageInit.Pretrained when s > 1 => (TrainingCheckpoints.InitialModelFile, TrainingCheckpoints.InitialCentersFile),
            StageInit.BestOfPreviousStage when s > 1 => (TrainingCheckpoints.BestModelFile(s - 1), TrainingCheckpoints.BestCentersFile(s - 1)),
            StageInit.LastOfPreviousStage when s > 1 => (TrainingCheckpoints.StageLastModelFile(s - 1), TrainingCheckpoints.StageLastCentersFile(s - 1)),
            _ => null,
        };
        if (source is null) return;
        if (!File.Exists(checkpoints.PathOf(source.Value.Model)))
        {
            log($"stage {s}: {source.Value.Model} does not exist (the previous stage ran no epoch); starting from the current weights");
            return;
        }
        checkpoints.LoadModel(source.Value.Model, source.Value.Centers, model, centers);
        if (stage.Centers == StageCenters.Fresh) SeededNetwork.DrawFreshCenters(config, s, centers);
        log($"stage {s}: starting from {source.Value.Model}{(stage.Centers == StageCenters.Fresh ? " with fresh centers" : " and its centers")}");
    }

    private static JsonObject Summary(ExperimentConfig config, RunFolder run, Dictionary<string, BestEpoch> best, double seconds)
    {
        var records = run.ReadMetrics();
        var last = records.Count > 0 ? records[^1] : new JsonObject();
        var final = new JsonObject();
        foreach (var (key, value) in last)
            if (key.StartsWith("val_", StringComparison.Ordinal) || key is "stage" or "epoch")
                final[key] = value?.DeepClone();
        var bestJson = new JsonObject();
        foreach (var (stage, epoch) in best.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var accuracy = new JsonObject();
            foreach (var (medium, value) in epoch.Accuracy) accuracy[medium] = value;
            bestJson[$"stage{stage}"] = new JsonObject { ["epoch"] = epoch.Epoch, ["mean_accuracy"] = epoch.MeanAccuracy, ["accuracy"] = accuracy };
        }
        var stageSeconds = new JsonObject();
        foreach (var group in records.GroupBy(r => r["stage"]?.GetValue<int>() ?? 0))
            stageSeconds[$"stage{group.Key}"] = group.Sum(r => r["seconds"]?.GetValue<double>() ?? 0);
        return new JsonObject
        {
            ["name"] = config.Name,
            ["completed_at"] = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            ["seconds"] = seconds,
            ["seconds_per_stage"] = stageSeconds,
            ["epochs"] = records.Count,
            ["final"] = final,
            ["best"] = bestJson,
            ["final_model_pth"] = Path.Combine(RunFolder.CheckpointFolder, TrainingCheckpoints.FinalPyTorchFile),
            ["final_model_dat"] = Path.Combine(RunFolder.CheckpointFolder, TrainingCheckpoints.FinalTorchSharpFile),
        };
    }

    private static IReadOnlyDictionary<Medium, double> FinalAccuracyFromLog(RunFolder run)
    {
        var result = new Dictionary<Medium, double>();
        var records = run.ReadMetrics();
        if (records.Count == 0) return result;
        foreach (var medium in Media.All)
            if (records[^1][$"val_acc_{medium.FolderName()}"] is { } value) result[medium] = value.GetValue<double>();
        return result;
    }

    private static string FormatEpoch(EpochRecord r)
    {
        var accuracy = string.Join(" ", r.Validation.Accuracy.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key.Letter()} {kv.Value * 100:F1}%"));
        var map = r.Validation.BimodalAverage is { } b ? $"; MAP bi {b:F3} multi {r.Validation.MultimodalAverage:F3}" : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"stage {r.Stage} epoch {r.Epoch}: lr {r.LearningRate:G3} loss {r.LossTotal:F4} (cls {r.LossClassification:F4} center {r.LossCenter:F2} rank {r.LossRanking:F4}); val acc {accuracy}{map}; {r.ItemsPerSecond:F1} items/s, {r.Seconds:F1} s");
    }
}
