using Liandong.Tenders;

namespace Liandong.Grains.Integrity;

/// <summary>
/// Quantiles and interquartile fences as the Open Contracting reference implementation (cardinal) computes
/// them: its statistics library uses the "approximately median-unbiased" estimator (Hyndman and Fan type 8),
/// h = (n + 1/3)·p + 1/3, interpolating between the order statistics around h.
/// </summary>
public static class Quartiles
{
    /// <summary>The p-quantile (0 ≤ p ≤ 1) of the values, type 8; NaN for no values.</summary>
    public static double Quantile(IReadOnlyCollection<double> values, double p)
    {
        if (values.Count == 0 || p is < 0 or > 1)
        {
            return double.NaN;
        }

        var sorted = values.OrderBy(v => v).ToArray();
        var n = sorted.Length;
        if (p == 0)
        {
            return sorted[0];
        }

        if (p == 1)
        {
            return sorted[^1];
        }

        var h = (n + 1.0 / 3.0) * p + 1.0 / 3.0;
        var k = (int)Math.Floor(h);
        if (k <= 0)
        {
            return sorted[0];
        }

        if (k >= n)
        {
            return sorted[^1];
        }

        // Order statistics are one-based: x(k) is sorted[k - 1].
        var lower = sorted[k - 1];
        return lower + (h - k) * (sorted[k] - lower);
    }

    /// <summary>Q1 − 1.5·IQR (or the configured threshold), or null when there is nothing to compute it from.</summary>
    public static Fence? LowerFence(IReadOnlyCollection<double> values, double? threshold)
    {
        if (threshold is { } t)
        {
            return new Fence(null, null, t, null, values.Count, Configured: true);
        }

        if (values.Count == 0)
        {
            return null;
        }

        var q1 = Quantile(values, 0.25);
        var q3 = Quantile(values, 0.75);
        return new Fence(q1, q3, q1 - 1.5 * (q3 - q1), null, values.Count, Configured: false);
    }

    /// <summary>Q3 + 1.5·IQR (or the configured threshold), or null when there is nothing to compute it from.</summary>
    public static Fence? UpperFence(IReadOnlyCollection<double> values, double? threshold)
    {
        if (threshold is { } t)
        {
            return new Fence(null, null, null, t, values.Count, Configured: true);
        }

        if (values.Count == 0)
        {
            return null;
        }

        var q1 = Quantile(values, 0.25);
        var q3 = Quantile(values, 0.75);
        return new Fence(q1, q3, null, q3 + 1.5 * (q3 - q1), values.Count, Configured: false);
    }
}
