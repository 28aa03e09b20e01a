using SkiaSharp;

namespace FgCrossNet.Synthetic;

/// <summary>
/// Draws a bird-like figure with a species' visual attributes: tail, legs, body with a paler belly, wing with its
/// pattern, head with crown, eye and beak. The figure is drawn facing right in body units (body length 1, centred on
/// the origin) and placed by a <see cref="BirdPose"/>.
/// </summary>
public static class BirdFigurePainter
{
    /// <summary>Beak length in body units.</summary>
    public static double BeakLength(PartLength length) => length switch
    {
        PartLength.Stubby => 0.09,
        PartLength.Short => 0.16,
        PartLength.Medium => 0.25,
        _ => 0.36,
    };

    /// <summary>Tail length in body units.</summary>
    public static double TailLength(PartLength length) => length switch
    {
        PartLength.Stubby => 0.12,
        PartLength.Short => 0.26,
        PartLength.Medium => 0.42,
        _ => 0.62,
    };

    /// <summary>Size factor applied to the pose's scale.</summary>
    public static double SizeFactor(BodySize size) => size switch
    {
        BodySize.Small => 0.78,
        BodySize.Medium => 0.92,
        _ => 1.08,
    };

    /// <summary>Draws the figure on a square canvas of <paramref name="side"/> pixels.</summary>
    public static void Paint(SKCanvas canvas, BirdAttributes bird, BirdPose pose, int side)
    {
        canvas.Save();
        canvas.Translate((float)(pose.CentreX * side), (float)(pose.CentreY * side));
        canvas.RotateDegrees((float)pose.RotationDegrees);
        float scale = (float)(pose.Scale * SizeFactor(bird.Size) * side);
        canvas.Scale(pose.Mirrored ? -scale : scale, scale);

        using var fill = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Fill };
        using var stroke = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeCap = SKStrokeCap.Round };
        var outline = Darker(bird.Body.Colour, 0.55f);

        // Tail: a wedge from the back of the body.
        float tail = (float)TailLength(bird.Tail);
        using (var path = new SKPath())
        {
            path.MoveTo(-0.38f, -0.08f);
            path.LineTo(-0.42f - tail, -0.02f - tail * 0.25f);
            path.LineTo(-0.42f - tail, 0.12f - tail * 0.1f);
            path.LineTo(-0.36f, 0.1f);
            path.Close();
            fill.Color = Darker(bird.Wing.Colour, 0.8f);
            canvas.DrawPath(path, fill);
        }

        // Legs.
        stroke.Color = new SKColor(60, 50, 45);
        stroke.StrokeWidth = 0.035f;
        canvas.DrawLine(0.06f, 0.25f, 0.09f, 0.46f, stroke);
        canvas.DrawLine(-0.08f, 0.25f, -0.1f, 0.46f, stroke);

        // Body and belly.
        var body = new SKRect(-0.5f, -0.3f, 0.5f, 0.3f);
        fill.Color = bird.Body.Colour;
        canvas.DrawOval(body, fill);
        using (var bodyPath = new SKPath())
        {
            bodyPath.AddOval(body);
            canvas.Save();
            canvas.ClipPath(bodyPath, antialias: true);
            fill.Color = Lighter(bird.Body.Colour, 0.35f);
            canvas.DrawOval(new SKRect(-0.35f, 0.05f, 0.45f, 0.45f), fill);
            canvas.Restore();
        }
        stroke.Color = outline;
        stroke.StrokeWidth = 0.02f;
        canvas.DrawOval(body, stroke);

        // Wing with its pattern.
        canvas.Save();
        canvas.Translate(-0.08f, -0.02f);
        canvas.RotateDegrees(-8);
        var wing = new SKRect(-0.36f, -0.16f, 0.36f, 0.16f);
        fill.Color = bird.Wing.Colour;
        canvas.DrawOval(wing, fill);
        using (var wingPath = new SKPath())
        {
            wingPath.AddOval(wing);
            canvas.ClipPath(wingPath, antialias: true);
            DrawPattern(canvas, bird, fill, stroke);
        }
        canvas.Restore();
        stroke.Color = Darker(bird.Wing.Colour, 0.6f);
        stroke.StrokeWidth = 0.02f;
        canvas.Save();
        canvas.Translate(-0.08f, -0.02f);
        canvas.RotateDegrees(-8);
        canvas.DrawOval(wing, stroke);
        canvas.Restore();

        // Beak (drawn before the head so its base tucks under).
        float beak = (float)BeakLength(bird.Beak);
        using (var path = new SKPath())
        {
            path.MoveTo(0.58f, -0.37f);
            path.LineTo(0.62f + beak, -0.3f);
            path.LineTo(0.58f, -0.23f);
            path.Close();
            fill.Color = bird.BeakColour.Colour;
            canvas.DrawPath(path, fill);
        }

        // Head with crown.
        var head = new SKRect(0.27f, -0.5f, 0.67f, -0.1f);
        fill.Color = bird.Body.Colour;
        canvas.DrawOval(head, fill);
        using (var headPath = new SKPath())
        {
            headPath.AddOval(head);
            canvas.Save();
            canvas.ClipPath(headPath, antialias: true);
            fill.Color = bird.Crown.Colour;
            canvas.DrawRect(new SKRect(0.2f, -0.55f, 0.75f, -0.34f), fill);
            canvas.Restore();
        }
        stroke.Color = outline;
        canvas.DrawOval(head, stroke);

        // Eye.
        fill.Color = SKColors.White;
        canvas.DrawCircle(0.53f, -0.3f, 0.055f, fill);
        fill.Color = new SKColor(15, 15, 15);
        canvas.DrawCircle(0.545f, -0.3f, 0.03f, fill);

        canvas.Restore();
    }

    private static void DrawPattern(SKCanvas canvas, BirdAttributes bird, SKPaint fill, SKPaint stroke)
    {
        switch (bird.Pattern)
        {
            case WingPattern.Barred:
                stroke.Color = Darker(bird.Wing.Colour, 0.35f);
                stroke.StrokeWidth = 0.055f;
                for (int i = 0; i < 5; i++)
                {
                    float x = -0.26f + i * 0.13f;
                    canvas.DrawLine(x, -0.2f, x - 0.05f, 0.2f, stroke);
                }
                break;
            case WingPattern.Spotted:
                fill.Color = Lighter(bird.Wing.Colour, 0.75f);
                foreach (var (x, y) in new[] { (-0.22f, -0.05f), (-0.1f, 0.06f), (0.02f, -0.06f), (0.14f, 0.05f), (0.24f, -0.04f), (-0.16f, 0.1f), (0.08f, 0.1f) })
                    canvas.DrawCircle(x, y, 0.042f, fill);
                break;
            case WingPattern.Streaked:
                stroke.Color = Darker(bird.Wing.Colour, 0.35f);
                stroke.StrokeWidth = 0.03f;
                for (int i = 0; i < 3; i++)
                {
                    float y = -0.08f + i * 0.08f;
                    canvas.DrawLine(-0.34f, y, 0.3f, y + 0.02f, stroke);
                }
                break;
        }
    }

    private static SKColor Darker(SKColor c, float factor) => new((byte)(c.Red * factor), (byte)(c.Green * factor), (byte)(c.Blue * factor));

    private static SKColor Lighter(SKColor c, float amount) =>
        new((byte)(c.Red + (255 - c.Red) * amount), (byte)(c.Green + (255 - c.Green) * amount), (byte)(c.Blue + (255 - c.Blue) * amount));
}
