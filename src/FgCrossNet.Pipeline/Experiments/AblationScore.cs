using FgCrossNet.Core.Statistics;

namespace FgCrossNet.Experiments;

/// <summary>A score of one ablation row: mean and sample standard deviation over the row's seeds, and the paired test against the base row.</summary>
/// <param name="Mean">Mean over the row's runs (seeds) of the run's MAP.</param>
/// <param name="Std">Sample standard deviation (n − 1) over the runs; null with one run.</param>
/// <param name="Test">Null for the base row; otherwise the paired test of (this row − base), see <see cref="AblationReport"/>.</param>
public sealed record AblationScore(double Mean, double? Std, PairedComparisonResult? Test);
