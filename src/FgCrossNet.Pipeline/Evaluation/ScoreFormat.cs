using System.Globalization;

namespace FgCrossNet.Evaluation;

/// <summary>How scores are written in tables and files (invariant culture, whatever the machine's locale).</summary>
public static class ScoreFormat
{
    /// <summary>A MAP or any score in [0, 1] in tables: three decimals (0.123).</summary>
    public static string Score(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    /// <summary>A p-value in tables: three decimals, "&lt; 0.001" below that.</summary>
    public static string PValue(double p) => p < 0.001 ? "< 0.001" : Score(p);

    /// <summary>A number in machine-read files (CSV): round-trip precision.</summary>
    public static string RoundTrip(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>An integer.</summary>
    public static string Integer(int value) => value.ToString(CultureInfo.InvariantCulture);
}
