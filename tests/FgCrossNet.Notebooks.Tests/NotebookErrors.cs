namespace FgCrossNet.Notebooks.Tests;

/// <summary>The errors of an executed notebook, read from its error outputs.</summary>
public static class NotebookErrors
{
    /// <summary>The error outputs of the executed notebook, and a problem when it lacks cells of the source.</summary>
    public static (List<NotebookCellError> Errors, string? Problem) Read(string source, string executed)
    {
        var sourceCells = Notebook.Load(source).Cells;
        var cells = Notebook.Load(executed).Cells;
        var errors = new List<NotebookCellError>();
        foreach (var cell in cells)
        {
            foreach (var output in cell.Outputs)
            {
                if ((string?)output["output_type"] != "error") continue;
                var name = (string?)output["ename"] ?? "Error";
                var value = ((string?)output["evalue"] ?? "").Trim();
                var firstLine = value.Split('\n')[0].Trim();
                errors.Add(new NotebookCellError(cell.Number, cell.FirstLine, name == "Error" || firstLine.StartsWith(name, StringComparison.Ordinal) ? Shorten(value) : $"{name}: {Shorten(value)}"));
            }
        }
        int sourceCode = sourceCells.Count(c => c.IsCode), executedCode = cells.Count(c => c.IsCode);
        string? problem = executedCode < sourceCode ? $"the executed notebook has {executedCode} of {sourceCode} code cells (the kernel stopped?)" : null;
        return (errors, problem);
    }

    /// <summary>The exception message without the kernel's stack frames (they name only script submissions).</summary>
    private static string Shorten(string error)
    {
        var lines = error.Split('\n').Select(l => l.TrimEnd('\r')).TakeWhile(l => !l.TrimStart().StartsWith("at ", StringComparison.Ordinal)).ToArray();
        var text = string.Join(" | ", lines.Where(l => l.Trim().Length > 0).Select(l => l.Trim()));
        return text.Length > 1500 ? text[..1500] + " ..." : text;
    }
}
