using System.Collections.Concurrent;
using FgCrossNet.Core;

namespace FgCrossNet.Data.Loading;

/// <summary>Bad items met by a <see cref="CrossMediaLoader"/> under <see cref="BadItemPolicy.SkipAndCount"/>. Thread-safe.</summary>
public sealed class LoaderStatistics
{
    private readonly ConcurrentDictionary<(Medium Medium, int Index), string> _bad = new();

    /// <summary>Distinct bad items found so far.</summary>
    public int BadItems => _bad.Count;

    /// <summary>The error of each bad item (list file, line, path, reason), in no particular order.</summary>
    public IReadOnlyList<string> BadItemMessages => _bad.Values.ToArray();

    internal bool IsBad(Medium medium, int index) => _bad.ContainsKey((medium, index));

    internal void MarkBad(Medium medium, int index, string message) => _bad.TryAdd((medium, index), message);
}
