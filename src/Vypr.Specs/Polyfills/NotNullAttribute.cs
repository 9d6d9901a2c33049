#if NETSTANDARD2_0
namespace System.Diagnostics.CodeAnalysis;

/// <summary>Nullable flow annotation missing from netstandard2.0's library.</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Parameter | AttributeTargets.Property | AttributeTargets.ReturnValue, Inherited = false)]
internal sealed class NotNullAttribute : Attribute;
#endif
