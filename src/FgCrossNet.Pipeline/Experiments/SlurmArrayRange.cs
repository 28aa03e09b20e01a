namespace FgCrossNet.Experiments;

/// <summary>The value of sbatch's <c>--array</c> for a set of task ids: ascending, runs of consecutive ids as <c>a-b</c>, joined by commas (<c>1-3,5,7-8</c>).</summary>
public static class SlurmArrayRange
{
    public static string Format(IEnumerable<int> taskIds)
    {
        var ids = taskIds.Distinct().Order().ToList();
        if (ids.Count == 0) throw new ArgumentException("no array task ids", nameof(taskIds));
        var parts = new List<string>();
        for (int i = 0; i < ids.Count;)
        {
            int j = i;
            while (j + 1 < ids.Count && ids[j + 1] == ids[j] + 1) j++;
            parts.Add(i == j ? $"{ids[i]}" : $"{ids[i]}-{ids[j]}");
            i = j + 1;
        }
        return string.Join(',', parts);
    }
}
