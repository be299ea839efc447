using System;
using System.Collections.Generic;
using System.Globalization;
using System.Numerics;
using Microsoft.Z3;

namespace Knobs.Scheduling.Solving;

/// <summary>A Z3 context fed SMT-LIB2 text; what one call declares stays for the next.</summary>
internal sealed class Z3Text : IDisposable
{
    private readonly IntPtr _config;
    private readonly IntPtr _ctx;

    public Z3Text()
    {
        try
        {
            _config = Native.Z3_mk_config();
        }
        catch (DllNotFoundException e)
        {
            throw new InvalidOperationException("Z3's native library (libz3) was not found: the Microsoft.Z3 package ships none for Linux; install it " +
                "(Debian/Ubuntu: apt-get install libz3-4) or put libz3.so on the library path. " + e.Message, e);
        }
        _ctx = Native.Z3_mk_context(_config);
    }

    public string Eval(string script)
    {
        string answer = Native.Z3_eval_smtlib2_string(_ctx, script);
        if (answer.Contains("(error", StringComparison.Ordinal) || answer.Contains("unsupported", StringComparison.Ordinal))
            throw new InvalidOperationException("Z3 rejected the script: " + answer.Trim());
        return answer;
    }

    public void Dispose()
    {
        Native.Z3_del_context(_ctx);
        Native.Z3_del_config(_config);
    }

    /// <summary>The library's version, e.g. 4.8.12.</summary>
    public static string Version()
    {
        uint major = 0, minor = 0, build = 0, revision = 0;
        Native.Z3_get_version(ref major, ref minor, ref build, ref revision);
        return FormattableString.Invariant($"{major}.{minor}.{build}");
    }

    // Parses "((name value) (name value) ...)" where a value is an integer, a decimal, (- x) or (/ x y).
    public static Dictionary<string, BigRational> Values(string text)
    {
        int pos = 0;
        object tree = Parse(text, ref pos);
        var result = new Dictionary<string, BigRational>(StringComparer.Ordinal);
        foreach (object pair in (List<object>)tree)
        {
            var p = (List<object>)pair;
            result[(string)p[0]] = Eval(p[1]);
        }
        return result;
    }

    private static BigRational Eval(object node)
    {
        if (node is string atom) return BigRational.Parse(atom);
        var list = (List<object>)node;
        string op = (string)list[0];
        return op switch
        {
            "-" when list.Count == 2 => -Eval(list[1]),
            "/" => Eval(list[1]) / Eval(list[2]),
            _ => throw new FormatException("unexpected Z3 value: " + op),
        };
    }

    private static object Parse(string s, ref int pos)
    {
        while (char.IsWhiteSpace(s[pos])) pos++;
        if (s[pos] == '(')
        {
            pos++;
            var list = new List<object>();
            while (true)
            {
                while (char.IsWhiteSpace(s[pos])) pos++;
                if (s[pos] == ')')
                {
                    pos++;
                    return list;
                }
                list.Add(Parse(s, ref pos));
            }
        }
        int start = pos;
        while (pos < s.Length && !char.IsWhiteSpace(s[pos]) && s[pos] != '(' && s[pos] != ')') pos++;
        return s.Substring(start, pos - start);
    }
}

/// <summary>An exact rational, enough to read Z3's answers and write them back.</summary>
internal readonly record struct BigRational(BigInteger Numerator, BigInteger Denominator)
{
    public static BigRational Parse(string decimalText)
    {
        int dot = decimalText.IndexOf('.');
        if (dot < 0) return new BigRational(BigInteger.Parse(decimalText, CultureInfo.InvariantCulture), 1);
        string digits = decimalText.Remove(dot, 1);
        return Reduce(BigInteger.Parse(digits, CultureInfo.InvariantCulture), BigInteger.Pow(10, decimalText.Length - dot - 1));
    }

    public static BigRational operator -(BigRational a) => new(-a.Numerator, a.Denominator);

    public static BigRational operator +(BigRational a, BigRational b) => Reduce(a.Numerator * b.Denominator + b.Numerator * a.Denominator, a.Denominator * b.Denominator);

    public static BigRational operator -(BigRational a, BigRational b) => a + -b;

    public static BigRational Half(BigRational a) => Reduce(a.Numerator, a.Denominator * 2);

    public static BigRational operator /(BigRational a, BigRational b) => Reduce(a.Numerator * b.Denominator, a.Denominator * b.Numerator);

    public int CompareTo(BigRational other) => (Numerator * other.Denominator).CompareTo(other.Numerator * Denominator);

    public double ToDouble() => (double)Numerator / (double)Denominator;

    public string ToSmt() => Numerator.Sign < 0
        ? $"(- (/ {BigInteger.Negate(Numerator)}.0 {Denominator}.0))"
        : $"(/ {Numerator}.0 {Denominator}.0)";

    private static BigRational Reduce(BigInteger n, BigInteger d)
    {
        if (d.Sign < 0)
        {
            n = -n;
            d = -d;
        }
        BigInteger g = BigInteger.GreatestCommonDivisor(n, d);
        return g.IsZero || g.IsOne ? new BigRational(n, d) : new BigRational(n / g, d / g);
    }
}
