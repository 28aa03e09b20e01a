using System.Globalization;

namespace FgCrossNet.Progress;

/// <summary>
/// The one-line text of a <see cref="ProgressReport"/>, the same in logs, on a terminal and in a notebook (invariant
/// culture): <c>TASK: DETAILS</c>, where <see cref="Details"/> is
/// <list type="bullet">
/// <item>running: <c>120/1,200 items (10 %), 35.2 items/s, ETA 31 s</c>, then <c>, loss 0.8916</c> where there is a
/// loss; rate and ETA are left out until something is done; unknown total: <c>120 items, 35.2 items/s</c>;</item>
/// <item>finished: <c>1,200/1,200 items in 34 s, 35.2 items/s</c> (unknown total: <c>1,200 items in 34 s, ...</c>).</item>
/// </list>
/// Counts have thousands separators; the percentage is rounded down (so 100 % means all done); rates have 2 decimals
/// under 10, 1 under 100, none from 100; durations are <c>4.2 s</c> under 10 s, <c>42 s</c> under a minute, then
/// <c>4:05</c> and <c>1:02:03</c>.
/// </summary>
public static class ProgressLine
{
    public static string Format(ProgressReport report) => $"{report.Task}: {Details(report)}";

    /// <summary>Everything of <see cref="Format"/> after the task's name.</summary>
    public static string Details(ProgressReport report)
    {
        var count = report.Total is { } total ? $"{Count(report.Done)}/{Count(total)} {report.Unit}" : $"{Count(report.Done)} {report.Unit}";
        var parts = new List<string>();
        if (report.Finished)
        {
            parts.Add($"{count} in {Duration(report.Elapsed)}");
            if (report.Rate is { } rate) parts.Add(Rate(rate, report.Unit));
        }
        else
        {
            parts.Add(report.Total is { } all and > 0
                ? $"{count} ({Math.Clamp(report.Done * 100 / all, 0, 100).ToString(CultureInfo.InvariantCulture)} %)"
                : count);
            if (report.Rate is { } rate) parts.Add(Rate(rate, report.Unit));
            if (report.Remaining is { } remaining) parts.Add($"ETA {Duration(remaining)}");
        }
        if (report.Loss is { } loss) parts.Add("loss " + loss.ToString("F4", CultureInfo.InvariantCulture));
        return string.Join(", ", parts);
    }

    /// <summary><c>35.2 items/s</c>: 2 decimals under 10, 1 under 100, none from 100.</summary>
    public static string Rate(double perSecond, string unit) =>
        perSecond.ToString(perSecond < 10 ? "F2" : perSecond < 100 ? "F1" : "N0", CultureInfo.InvariantCulture) + $" {unit}/s";

    /// <summary><c>4.2 s</c> under 10 s, <c>42 s</c> under a minute, then <c>4:05</c> and <c>1:02:03</c> (whole seconds, rounded).</summary>
    public static string Duration(TimeSpan span)
    {
        double seconds = Math.Max(0, span.TotalSeconds);
        if (seconds < 9.95) return seconds.ToString("F1", CultureInfo.InvariantCulture) + " s";
        long whole = (long)Math.Round(seconds, MidpointRounding.AwayFromZero);
        if (whole < 60) return whole.ToString(CultureInfo.InvariantCulture) + " s";
        long hours = whole / 3600, minutes = whole / 60 % 60, rest = whole % 60;
        return hours > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{hours}:{minutes:D2}:{rest:D2}")
            : string.Create(CultureInfo.InvariantCulture, $"{minutes}:{rest:D2}");
    }

    private static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
