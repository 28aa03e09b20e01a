namespace FgCrossNet.Synthetic;

/// <summary>Where and how a bird figure sits in a frame.</summary>
/// <param name="CentreX">Body centre, fraction of the frame width.</param>
/// <param name="CentreY">Body centre, fraction of the frame height.</param>
/// <param name="Scale">Body length as a fraction of the frame side (before the species' size factor).</param>
/// <param name="RotationDegrees">Clockwise rotation.</param>
/// <param name="Mirrored">Facing left instead of right.</param>
public sealed record BirdPose(double CentreX, double CentreY, double Scale, double RotationDegrees, bool Mirrored);
