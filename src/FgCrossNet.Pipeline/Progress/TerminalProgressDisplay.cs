using System.Collections.Concurrent;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace FgCrossNet.Progress;

/// <summary>
/// Progress as live rows on a terminal (Spectre.Console), redrawn in place: a row per running task with its name, a
/// bar and <see cref="ProgressLine.Details"/> (count, percentage, rate, ETA, loss; a pulsing bar for an unknown
/// total). A finished task's row goes and its final line (<see cref="ProgressLine.Format"/>) is printed above the
/// rows, where <see cref="Log"/> lines go too, so the scrollback holds what a log would. Thread-safe.
/// </summary>
public sealed class TerminalProgressDisplay
{
    private readonly IAnsiConsole _console;
    private readonly ProgressContext _context;
    private readonly Dictionary<string, ProgressTask> _tasks = new();
    private readonly DetailsColumn _details;
    private readonly object _gate = new();

    private TerminalProgressDisplay(IAnsiConsole console, ProgressContext context, DetailsColumn details)
    {
        _console = console;
        _context = context;
        _details = details;
    }

    /// <summary>Runs <paramref name="body"/> with a display on <paramref name="console"/>; the rows are cleared at the end.</summary>
    public static T Run<T>(IAnsiConsole console, Func<TerminalProgressDisplay, T> body)
    {
        var details = new DetailsColumn();
        return console.Progress()
            .AutoClear(true)
            .HideCompleted(true)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn { Width = 24 }, details)
            .Start(context => body(new TerminalProgressDisplay(console, context, details)));
    }

    /// <summary>Prints <paramref name="line"/> above the rows (as text: markup characters are shown as they are).</summary>
    public void Log(string line)
    {
        lock (_gate) _console.WriteLine(line);
    }

    public void Report(ProgressReport report)
    {
        lock (_gate)
        {
            bool isNew = !_tasks.TryGetValue(report.Task, out var task);
            if (isNew)
            {
                task = _context.AddTask(Markup.Escape(report.Task), maxValue: Math.Max(1, report.Total ?? 1));
                task.IsIndeterminate = report.Total is null;
                _tasks[report.Task] = task;
            }
            _details.Texts[task!.Id] = ProgressLine.Details(report);
            task.Value = report.Total is 0 ? 1 : Math.Min(report.Done, task.MaxValue);
            if (isNew && !report.Finished) _context.Refresh(); // a task shorter than one tick still shows its row
            if (!report.Finished) return;
            task.Value = task.MaxValue;
            task.StopTask();
            _tasks.Remove(report.Task);
            _details.Texts.TryRemove(task.Id, out _);
            _context.Refresh(); // without it the rows drawn under the line are the last tick's, finished row included
            _console.WriteLine(ProgressLine.Format(report));
        }
    }

    /// <summary>Each running task's <see cref="ProgressLine.Details"/> (by task id; read by Spectre's refresh thread).</summary>
    private sealed class DetailsColumn : ProgressColumn
    {
        public ConcurrentDictionary<int, string> Texts { get; } = new();

        protected override bool NoWrap => true;

        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text(Texts.TryGetValue(task.Id, out var text) ? text : "");
    }
}
