using System.Globalization;
using System.Net;
using System.Text;
using FgCrossNet.Core;
using FgCrossNet.IO;

namespace FgCrossNet.Inference;

/// <summary>
/// A self-contained HTML page of one query's results for a quick look: the query, then each hit's rank, medium, class,
/// distance and a preview — a thumbnail for images and spectrograms, the first frame for videos, a snippet for texts.
/// Previews link the files by <c>file://</c> address, so the page works where the dataset is. Written atomically.
/// </summary>
public static class RetrievalPage
{
    private const int SnippetLength = 280;

    public static void Write(string path, RetrievalQuery query, IReadOnlyList<RetrievalHit> hits, RetrievalGallery gallery, IReadOnlyList<string> classNames)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>FGCrossNet retrieval</title>\n<style>")
            .Append("body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;padding:.4em .8em;text-align:left;vertical-align:top}")
            .Append("img{height:96px;max-width:160px;object-fit:contain}.text{display:block;max-width:28em;font-size:.9em;color:#333}.query{background:#f4f4f4;padding:.8em;margin-bottom:1em}.path{font-size:.8em;color:#666;word-break:break-all;min-width:16em;max-width:24em}</style></head><body>\n")
            .Append("<h1>FGCrossNet retrieval</h1>\n<div class=\"query\"><b>Query</b> (").Append(query.Medium.FolderName()).Append("): ")
            .Append(Preview(query.Medium, query.Source, isLiteralText: query.Medium == Medium.Text && !File.Exists(query.Source)))
            .Append("</div>\n<table><tr><th>rank</th><th>preview</th><th>medium</th><th>class</th><th>distance</th><th>item</th></tr>\n");
        foreach (var hit in hits)
        {
            var full = gallery.FullPath(hit.Item);
            var className = hit.Item.Label < classNames.Count ? classNames[hit.Item.Label] : hit.Item.Label.ToString(CultureInfo.InvariantCulture);
            html.Append("<tr><td>").Append(hit.Rank)
                .Append("</td><td>").Append(Preview(hit.Item.Medium, full, isLiteralText: false))
                .Append("</td><td>").Append(hit.Item.Medium.FolderName())
                .Append("</td><td>").Append(Encode(className))
                .Append("</td><td>").Append(hit.Distance.ToString("F6", CultureInfo.InvariantCulture))
                .Append("</td><td class=\"path\">").Append(Encode(hit.Item.RelativePath)).Append("</td></tr>\n");
        }
        html.Append("</table>\n</body></html>\n");
        AtomicFile.WriteAllText(path, html.ToString());
    }

    private static string Preview(Medium medium, string source, bool isLiteralText)
    {
        if (isLiteralText) return $"<span class=\"text\">{Encode(source)}</span>";
        switch (medium)
        {
            case Medium.Text:
                string text;
                try
                {
                    text = File.ReadAllText(source);
                }
                catch (IOException)
                {
                    return "(unreadable)";
                }
                return $"<span class=\"text\">{Encode(text.Length > SnippetLength ? text[..SnippetLength] + "…" : text)}</span>";
            case Medium.Video:
                var first = Directory.Exists(source) ? Directory.GetFiles(source).Order(StringComparer.Ordinal).FirstOrDefault() : null;
                return first is null ? "(no frames)" : Image(first);
            default:
                return Image(source);
        }
    }

    private static string Image(string path) => $"<img src=\"{Encode(new Uri(Path.GetFullPath(path)).AbsoluteUri)}\" alt=\"{Encode(Path.GetFileName(path))}\">";

    private static string Encode(string s) => WebUtility.HtmlEncode(s);
}
