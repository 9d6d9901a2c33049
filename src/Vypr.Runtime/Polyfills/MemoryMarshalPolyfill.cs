using System;
using System.Runtime.InteropServices;

namespace Vypr.Runtime;

/// <summary><c>MemoryMarshal.GetArrayDataReference</c> for the netstandard2.0 build (compiled for netstandard2.0 only).</summary>
internal static class MemoryMarshalPolyfill
{
    extension(MemoryMarshal)
    {
        /// <summary>A reference to the first element of <paramref name="array"/> (not empty), without a bounds check at each use.</summary>
        /// <remarks>Through a span: one length check when it is made, where .NET's intrinsic has none.</remarks>
        public static ref T GetArrayDataReference<T>(T[] array) => ref MemoryMarshal.GetReference(array.AsSpan());
    }
}
