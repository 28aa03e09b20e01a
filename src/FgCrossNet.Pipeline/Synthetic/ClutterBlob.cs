using SkiaSharp;

namespace FgCrossNet.Synthetic;

/// <summary>A leaf-like ellipse of background clutter; position and radii are fractions of the frame side.</summary>
public sealed record ClutterBlob(double X, double Y, double RadiusX, double RadiusY, double RotationDegrees, SKColor Colour);
