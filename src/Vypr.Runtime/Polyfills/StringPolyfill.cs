using System;
using System.Runtime.CompilerServices;

namespace Vypr.Runtime;

/// <summary><c>string.Create(IFormatProvider, $"...")</c> for the netstandard2.0 build (compiled for netstandard2.0 only).</summary>
internal static class StringPolyfill
{
    extension(string)
    {
        /// <summary>Formats an interpolated string with <paramref name="provider"/>, as on .NET.</summary>
        public static string Create(IFormatProvider? provider, [InterpolatedStringHandlerArgument(nameof(provider))] ref DefaultInterpolatedStringHandler handler) =>
            handler.ToStringAndClear();
    }
}
