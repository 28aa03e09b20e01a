using System.Diagnostics;
using SkiaSharp;

namespace FgCrossNet.Notebooks.Tests;

/// <summary>
/// Opens an HTML page as a reader of a saved notebook would with no network: Debian's Chromium, headless, inside a new
/// network namespace (<c>unshare --net --map-root-user</c>: only a loopback interface that is down, so no DNS and no
/// route anywhere), with scripts given <see cref="ScriptTime"/> of virtual time to run. Returns the page's DOM after the
/// scripts ran and a screenshot.
/// </summary>
public static class OfflineBrowser
{
    public const string Chromium = "/usr/bin/chromium";

    /// <summary>Virtual time the page's scripts get before the DOM is dumped or the screenshot taken.</summary>
    public static readonly TimeSpan ScriptTime = TimeSpan.FromSeconds(5);

    /// <summary>The rendered page: its DOM as serialised HTML and its screenshot (PNG) at width x height.</summary>
    public sealed record Page(string Dom, SKBitmap Screenshot) : IDisposable
    {
        /// <summary>Pixels of <see cref="Screenshot"/> in the rectangle that differ from white by more than 16 in some channel.</summary>
        public int InkPixels(SKRectI area)
        {
            int count = 0;
            for (int y = Math.Max(0, area.Top); y < Math.Min(Screenshot.Height, area.Bottom); y++)
                for (int x = Math.Max(0, area.Left); x < Math.Min(Screenshot.Width, area.Right); x++)
                {
                    var c = Screenshot.GetPixel(x, y);
                    if (c.Red < 239 || c.Green < 239 || c.Blue < 239) count++;
                }
            return count;
        }

        public void Dispose() => Screenshot.Dispose();
    }

    /// <summary>Renders <paramref name="bodyHtml"/> (e.g. a saved cell output) inside a plain HTML page.</summary>
    public static Page Render(string bodyHtml, int width, int height)
    {
        var folder = Directory.CreateTempSubdirectory("fgx-offline-page-");
        try
        {
            var page = Path.Combine(folder.FullName, "page.html");
            File.WriteAllText(page, $"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head><body style=\"margin:0;background:white\">\n{bodyHtml}\n</body></html>");
            var url = new Uri(page).AbsoluteUri;
            var dom = RunChromium(folder.FullName, "--dump-dom", url);
            var shot = Path.Combine(folder.FullName, "shot.png");
            RunChromium(folder.FullName, $"--screenshot={shot}", $"--window-size={width},{height}", url);
            var bitmap = SKBitmap.Decode(shot) ?? throw new InvalidOperationException($"Chromium wrote no readable screenshot ({shot})");
            return new Page(dom, bitmap);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static string RunChromium(string folder, params string[] args)
    {
        Assert.True(File.Exists(Chromium), $"the offline render needs Debian's chromium at {Chromium} (environment/setup.sh installs it)");
        var start = new ProcessStartInfo("unshare") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "--net", "--map-root-user", Chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                     $"--user-data-dir={Path.Combine(folder, "profile")}", $"--virtual-time-budget={(int)ScriptTime.TotalMilliseconds}" })
            start.ArgumentList.Add(a);
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("chromium did not finish the offline render in 2 minutes");
        }
        Assert.True(process.ExitCode == 0, $"unshare/chromium exited with {process.ExitCode}: {stderr.Result[^Math.Min(2000, stderr.Result.Length)..]}");
        return stdout;
    }
}
