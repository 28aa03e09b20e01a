using SkiaSharp;

namespace FgCrossNet.Synthetic;

/// <summary>
/// Everything about one picture except the species: background (flat or a linear gradient), clutter, an optional perch,
/// the bird's pose, lighting and pixel noise. Coordinates are fractions of the frame side, so a scene renders at any size.
/// </summary>
public sealed record BirdScene(
    SKColor BackgroundTop,
    SKColor BackgroundBottom,
    double GradientAngleDegrees,
    IReadOnlyList<ClutterBlob> Clutter,
    double? PerchY,
    double PerchAngleDegrees,
    BirdPose Pose,
    double Brightness,
    double NoiseSigma,
    int NoiseSeed)
{
    /// <summary>A random scene; <paramref name="noise"/> in [0, 1] scales pixel noise (sigma 3..28 levels) and lighting jitter.</summary>
    public static BirdScene Random(Random rng, double noise)
    {
        SKColor RandomBackground() => SKColor.FromHsv((float)(rng.NextDouble() * 360), (float)(3 + rng.NextDouble() * 25), (float)(45 + rng.NextDouble() * 45));
        var top = RandomBackground();
        var bottom = rng.NextDouble() < 0.6 ? RandomBackground() : top;
        var clutter = new ClutterBlob[rng.Next(0, 5)];
        for (int i = 0; i < clutter.Length; i++)
        {
            var hue = rng.NextDouble() < 0.7 ? 70 + rng.NextDouble() * 70 : 20 + rng.NextDouble() * 25; // leaves or bark
            clutter[i] = new ClutterBlob(rng.NextDouble(), rng.NextDouble(), 0.05 + rng.NextDouble() * 0.15, 0.02 + rng.NextDouble() * 0.06,
                rng.NextDouble() * 180, SKColor.FromHsv((float)hue, (float)(30 + rng.NextDouble() * 50), (float)(25 + rng.NextDouble() * 55)).WithAlpha((byte)rng.Next(120, 230)));
        }
        var pose = new BirdPose(
            CentreX: 0.36 + rng.NextDouble() * 0.28,
            CentreY: 0.38 + rng.NextDouble() * 0.24,
            Scale: 0.40 + rng.NextDouble() * 0.15,
            RotationDegrees: (rng.NextDouble() * 2 - 1) * 25,
            Mirrored: rng.NextDouble() < 0.5);
        return new BirdScene(top, bottom, rng.NextDouble() * 360, clutter,
            PerchY: rng.NextDouble() < 0.7 ? pose.CentreY + pose.Scale * 0.42 : null,
            PerchAngleDegrees: (rng.NextDouble() * 2 - 1) * 15,
            Pose: pose,
            Brightness: 1 + (rng.NextDouble() * 2 - 1) * 0.25 * noise,
            NoiseSigma: 3 + 25 * noise,
            NoiseSeed: rng.Next());
    }
}
