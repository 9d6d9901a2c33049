using Mono.Cecil;

namespace Vypr.Fody.Scopes;

/// <summary>
/// A called method's parameter and return types as the caller sees them: the generic parameters of its type and its
/// own replaced by the type arguments of the call (<c>List&lt;int&gt;.Add(!0)</c> takes an <c>int</c>).
/// </summary>
internal static class TypeArguments
{
    public static TypeReference Substitute(TypeReference type, MethodReference called)
    {
        switch (type)
        {
            case GenericParameter { Type: GenericParameterType.Type } parameter when called.DeclaringType is GenericInstanceType declaring
                && parameter.Position < declaring.GenericArguments.Count:
                return declaring.GenericArguments[parameter.Position];
            case GenericParameter { Type: GenericParameterType.Method } parameter when called is GenericInstanceMethod method
                && parameter.Position < method.GenericArguments.Count:
                return method.GenericArguments[parameter.Position];
            case ByReferenceType byReference:
                return new ByReferenceType(Substitute(byReference.ElementType, called));
            case ArrayType array:
                return new ArrayType(Substitute(array.ElementType, called), array.Rank);
            case GenericInstanceType instance:
                var substituted = new GenericInstanceType(instance.ElementType);
                foreach (TypeReference argument in instance.GenericArguments)
                {
                    substituted.GenericArguments.Add(Substitute(argument, called));
                }

                return substituted;
            default:
                return type;
        }
    }
}
