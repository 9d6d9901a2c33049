#if NETSTANDARD2_0
using System;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Vypr;

/// <summary>The argument guards of newer frameworks, for the netstandard2.0 build, so the sources stay the same on every target.</summary>
internal static class ArgumentGuards
{
    extension(ArgumentNullException)
    {
        /// <summary>Throws when <paramref name="argument"/> is null.</summary>
        public static void ThrowIfNull([NotNull] object? argument, [CallerArgumentExpression(nameof(argument))] string? paramName = null)
        {
            if (argument is null)
            {
                throw new ArgumentNullException(paramName);
            }
        }
    }
}
#endif
