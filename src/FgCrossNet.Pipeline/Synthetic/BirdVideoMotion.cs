namespace FgCrossNet.Synthetic;

/// <summary>
/// How the bird moves over a clip's fixed background: a steady drift (frame fractions per frame), a steady zoom and a
/// rocking rotation.
/// </summary>
public sealed record BirdVideoMotion(double DriftX, double DriftY, double ZoomPerFrame, double RockDegrees, double RockPhase)
{
    public static BirdVideoMotion Random(Random rng) => new(
        DriftX: (rng.NextDouble() * 2 - 1) * 0.02,
        DriftY: (rng.NextDouble() * 2 - 1) * 0.01,
        ZoomPerFrame: (rng.NextDouble() * 2 - 1) * 0.015,
        RockDegrees: 2 + rng.NextDouble() * 6,
        RockPhase: rng.NextDouble() * 2 * Math.PI);

    /// <summary>The scene at frame <paramref name="frame"/> (0 = <paramref name="start"/>), with that frame's own pixel noise.</summary>
    public BirdScene At(BirdScene start, int frame)
    {
        var p = start.Pose;
        var pose = p with
        {
            CentreX = Math.Clamp(p.CentreX + DriftX * frame, 0.2, 0.8),
            CentreY = Math.Clamp(p.CentreY + DriftY * frame, 0.25, 0.75),
            Scale = p.Scale * Math.Pow(1 + ZoomPerFrame, frame),
            RotationDegrees = p.RotationDegrees + RockDegrees * Math.Sin(RockPhase + 0.8 * frame),
        };
        return start with { Pose = pose, NoiseSeed = StableSeed.Of(start.NoiseSeed, frame) };
    }
}
