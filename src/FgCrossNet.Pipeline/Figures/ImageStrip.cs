using System.Net;
using System.Text;

namespace FgCrossNet.Figures;

/// <summary>
/// A row of images with captions as self-contained HTML (images inlined as data URIs), for showing dataset items in a
/// notebook: <c>display(HTML(ImageStrip.Html(paths)))</c>.
/// </summary>
public static class ImageStrip
{
    /// <param name="images">Image files (PNG or JPEG).</param>
    /// <param name="height">Display height of each image in CSS px (the width keeps the aspect ratio).</param>
    /// <param name="captions">One caption per image (default: the file names).</param>
    public static string Html(IEnumerable<string> images, int height = 96, IEnumerable<string>? captions = null)
    {
        var files = images.ToArray();
        var labels = captions?.ToArray() ?? [.. files.Select(f => Path.GetFileName(f))];
        return Html(files.Select((f, i) => (File.ReadAllBytes(f), i < labels.Length ? labels[i] : "")), height);
    }

    /// <summary>The same for encoded images in memory (PNG or JPEG bytes) with their captions.</summary>
    public static string Html(IEnumerable<(byte[] Encoded, string Caption)> images, int height = 96)
    {
        var sb = new StringBuilder("<div style=\"display:flex;flex-wrap:wrap;gap:8px;align-items:flex-end\">");
        foreach (var (encoded, caption) in images)
        {
            var mime = encoded.Length > 3 && encoded[0] == 0x89 && encoded[1] == (byte)'P' ? "image/png" : "image/jpeg";
            sb.Append("<figure style=\"margin:0;text-align:center\">")
              .Append($"<img src=\"data:{mime};base64,{Convert.ToBase64String(encoded)}\" style=\"height:{height}px;image-rendering:pixelated\"/>")
              .Append($"<figcaption style=\"font-size:11px\">{WebUtility.HtmlEncode(caption)}</figcaption></figure>");
        }
        return sb.Append("</div>").ToString();
    }
}
