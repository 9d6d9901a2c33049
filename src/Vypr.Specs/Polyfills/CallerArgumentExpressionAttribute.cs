#if NETSTANDARD2_0
namespace System.Runtime.CompilerServices;

/// <summary>Lets argument guards name the argument on netstandard2.0, whose library lacks this attribute.</summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
internal sealed class CallerArgumentExpressionAttribute(string parameterName) : Attribute
{
    public string ParameterName { get; } = parameterName;
}
#endif
