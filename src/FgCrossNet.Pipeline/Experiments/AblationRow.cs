namespace FgCrossNet.Experiments;

/// <summary>One configuration of an ablation: its runs (one per seed) and its scores by key (<see cref="EvaluatedRun.ScoreKeys"/>).</summary>
public sealed record AblationRow(string Label, IReadOnlyList<EvaluatedRun> Runs, IReadOnlyDictionary<string, AblationScore> Scores, bool IsBase);
