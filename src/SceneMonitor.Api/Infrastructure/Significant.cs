using System.Globalization;

namespace SceneMonitor.Api.Infrastructure;

/// <summary>Rounding to significant digits for figures whose size matters more than their decimals:
/// a p-value of 8.5e-21 rounded to six decimals is 0, which reads as "impossible"; to four
/// significant digits it stays 8.5e-21. The page decides how to show it ("&lt; 0.001").</summary>
public static class Significant
{
    public static double Round(double value, int digits = 4) =>
        value == 0 || !double.IsFinite(value) ? value
            : double.Parse(value.ToString("G" + digits, CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
