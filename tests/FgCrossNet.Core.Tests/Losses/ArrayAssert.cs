namespace FgCrossNet.Core.Tests.Losses;

/// <summary>Element-wise comparison of double arrays with an absolute tolerance, naming the first offending index.</summary>
internal static class ArrayAssert
{
    public static void Close(IReadOnlyList<double> expected, IReadOnlyList<double> actual, double tolerance, string what = "value")
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.False(double.IsNaN(actual[i]), $"{what}[{i}] is NaN");
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance,
                $"{what}[{i}]: expected {expected[i]:R}, actual {actual[i]:R}, |diff| {Math.Abs(expected[i] - actual[i]):E3} > {tolerance:E1}");
        }
    }

    public static void AllFinite(IReadOnlyList<double> actual, string what = "value")
    {
        for (var i = 0; i < actual.Count; i++)
            Assert.True(double.IsFinite(actual[i]), $"{what}[{i}] = {actual[i]} is not finite");
    }
}
