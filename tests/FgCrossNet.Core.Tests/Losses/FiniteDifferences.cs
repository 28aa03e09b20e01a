namespace FgCrossNet.Core.Tests.Losses;

/// <summary>Central finite differences of a scalar function of a flat double vector.</summary>
internal static class FiniteDifferences
{
    public static double[] CentralGradient(Func<double[], double> f, double[] x, double step = 1e-6)
    {
        var gradient = new double[x.Length];
        var probe = (double[])x.Clone();
        for (var i = 0; i < x.Length; i++)
        {
            probe[i] = x[i] + step;
            var up = f(probe);
            probe[i] = x[i] - step;
            var down = f(probe);
            probe[i] = x[i];
            gradient[i] = (up - down) / (2 * step);
        }
        return gradient;
    }
}
