using SkiaSharp;

namespace FgCrossNet.Synthetic;

/// <summary>Renders a <see cref="BirdScene"/> with a species' figure into a square RGB picture, and encodes it as JPEG.</summary>
public static class BirdSceneRenderer
{
    /// <summary>The picture, <paramref name="side"/> x <paramref name="side"/> pixels.</summary>
    public static SKBitmap Render(BirdScene scene, BirdAttributes bird, int side)
    {
        var bitmap = new SKBitmap(new SKImageInfo(side, side, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(bitmap))
        {
            DrawBackground(canvas, scene, side);
            BirdFigurePainter.Paint(canvas, bird, scene.Pose, side);
        }
        AddLightingAndNoise(bitmap, scene);
        return bitmap;
    }

    /// <summary>JPEG bytes of a picture.</summary>
    public static byte[] EncodeJpeg(SKBitmap bitmap, int quality)
    {
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, quality);
        return data.ToArray();
    }

    private static void DrawBackground(SKCanvas canvas, BirdScene scene, int side)
    {
        double angle = scene.GradientAngleDegrees * Math.PI / 180;
        float cx = side / 2f, cy = side / 2f, r = side / 2f;
        var from = new SKPoint(cx - (float)Math.Cos(angle) * r, cy - (float)Math.Sin(angle) * r);
        var to = new SKPoint(cx + (float)Math.Cos(angle) * r, cy + (float)Math.Sin(angle) * r);
        using (var shader = SKShader.CreateLinearGradient(from, to, [scene.BackgroundTop, scene.BackgroundBottom], SKShaderTileMode.Clamp))
        using (var paint = new SKPaint { Shader = shader })
            canvas.DrawRect(0, 0, side, side, paint);

        using var blob = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Fill };
        foreach (var c in scene.Clutter)
        {
            canvas.Save();
            canvas.Translate((float)(c.X * side), (float)(c.Y * side));
            canvas.RotateDegrees((float)c.RotationDegrees);
            blob.Color = c.Colour;
            canvas.DrawOval(new SKRect((float)(-c.RadiusX * side), (float)(-c.RadiusY * side), (float)(c.RadiusX * side), (float)(c.RadiusY * side)), blob);
            canvas.Restore();
        }

        if (scene.PerchY is { } perchY)
        {
            using var perch = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeCap = SKStrokeCap.Round, Color = new SKColor(95, 70, 45), StrokeWidth = side * 0.035f };
            canvas.Save();
            canvas.Translate(side / 2f, (float)(perchY * side));
            canvas.RotateDegrees((float)scene.PerchAngleDegrees);
            canvas.DrawLine(-side, 0, side, 0, perch);
            canvas.Restore();
        }
    }

    private static void AddLightingAndNoise(SKBitmap bitmap, BirdScene scene)
    {
        var rng = new Random(scene.NoiseSeed);
        var pixels = bitmap.Pixels;
        for (int i = 0; i < pixels.Length; i++)
        {
            var p = pixels[i];
            pixels[i] = new SKColor(Channel(p.Red), Channel(p.Green), Channel(p.Blue));
        }
        bitmap.Pixels = pixels;

        byte Channel(byte value)
        {
            double gaussian = StandardNormal.Sample(rng);
            return (byte)Math.Clamp(Math.Round(value * scene.Brightness + gaussian * scene.NoiseSigma), 0, 255);
        }
    }
}
