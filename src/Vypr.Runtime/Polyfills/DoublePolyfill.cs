namespace Vypr.Runtime;

/// <summary><c>double.IsFinite</c> for the netstandard2.0 build (compiled for netstandard2.0 only).</summary>
internal static class DoublePolyfill
{
    extension(double)
    {
        /// <summary>Whether <paramref name="value"/> is neither NaN nor an infinity, as on .NET.</summary>
        /// <param name="value">The number.</param>
        /// <returns>True when finite.</returns>
        public static bool IsFinite(double value) => !double.IsNaN(value) && !double.IsInfinity(value);
    }
}
