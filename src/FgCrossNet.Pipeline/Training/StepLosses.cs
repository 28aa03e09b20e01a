namespace FgCrossNet.Training;

/// <summary>
/// The losses of one training step as plain numbers. <see cref="Total"/> is the weighted sum that was back-propagated;
/// the components are unweighted. <see cref="RankingPositiveFraction"/> is the share of valid quadruplets with a
/// positive term (null when the ranking loss was not computed, i.e. its weight is 0).
/// </summary>
public sealed record StepLosses(double Classification, double Center, double Ranking, double Total, double? RankingPositiveFraction);
