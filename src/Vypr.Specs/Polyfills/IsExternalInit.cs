#if NETSTANDARD2_0
namespace System.Runtime.CompilerServices;

/// <summary>Lets records and init accessors compile for netstandard2.0, whose library lacks this marker type.</summary>
internal static class IsExternalInit;
#endif
