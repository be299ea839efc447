using System;
using System.Globalization;
using System.Text;

namespace Knobs.Accelerators.Systolic;

/// <summary>Python's float arithmetic and text where SCALE-Sim's numbers depend on them.</summary>
internal static class PythonFloat
{
    /// <summary>
    /// <c>sum()</c> of floats: left to right (CPython up to 3.11) or, with <paramref name="compensated"/>, as CPython
    /// 3.12 and later computes it: left to right with a running compensation term (Neumaier) added once at the end.
    /// </summary>
    public static double Sum(double[] values, bool compensated)
    {
        double sum = 0, compensation = 0;
        foreach (double x in values)
        {
            double t = sum + x;
            if (Math.Abs(sum) >= Math.Abs(x)) compensation += (sum - t) + x;
            else compensation += (x - t) + sum;
            sum = t;
        }
        if (compensated && compensation != 0 && !double.IsInfinity(compensation) && !double.IsNaN(compensation)) sum += compensation;
        return sum;
    }

    /// <summary><c>repr(float)</c>: shortest round-trip digits, fixed notation for exponents −4 ≤ e &lt; 16, else <c>d.ddde+XX</c>.</summary>
    public static string Repr(double value)
    {
        if (double.IsNaN(value)) return "nan";
        if (double.IsPositiveInfinity(value)) return "inf";
        if (double.IsNegativeInfinity(value)) return "-inf";
        if (value == 0) return 1 / value < 0 ? "-0.0" : "0.0";
        string r = value.ToString("R", CultureInfo.InvariantCulture);
        bool negative = r[0] == '-';
        if (negative) r = r.Substring(1);
        // Split into digits and a decimal exponent: value = 0.d1d2... × 10^point.
        int e = 0;
        int ePos = r.IndexOfAny(new[] { 'E', 'e' });
        if (ePos >= 0)
        {
            e = int.Parse(r.Substring(ePos + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            r = r.Substring(0, ePos);
        }
        int dot = r.IndexOf('.');
        string intPart = dot < 0 ? r : r.Substring(0, dot), frac = dot < 0 ? "" : r.Substring(dot + 1);
        string digits = (intPart + frac).TrimStart('0');
        int leadingZeros = (intPart + frac).Length - (intPart + frac).TrimStart('0').Length;
        int point = intPart.Length + e - leadingZeros;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0) digits = "0";
        int exponent = point - 1;
        var sb = new StringBuilder();
        if (negative) sb.Append('-');
        if (exponent >= -4 && exponent < 16)
        {
            if (point <= 0)
            {
                sb.Append("0.").Append('0', -point).Append(digits);
            }
            else if (point >= digits.Length)
            {
                sb.Append(digits).Append('0', point - digits.Length).Append(".0");
            }
            else
            {
                sb.Append(digits, 0, point).Append('.').Append(digits, point, digits.Length - point);
            }
        }
        else
        {
            sb.Append(digits[0]);
            if (digits.Length > 1) sb.Append('.').Append(digits, 1, digits.Length - 1);
            sb.Append('e').Append(exponent < 0 ? '-' : '+').Append(Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }
}
