namespace Vypr.Contracts;

/// <summary>What the netstandard2.0 build of the contracts uses of <see cref="double"/> and netstandard2.0 lacks (compiled for netstandard2.0 only).</summary>
internal static class DoublePolyfill
{
    extension(double)
    {
        /// <summary>Whether <paramref name="value"/> is neither NaN nor an infinity, as <c>double.IsFinite</c> on .NET.</summary>
        public static bool IsFinite(double value) => !double.IsNaN(value) && !double.IsInfinity(value);
    }
}
