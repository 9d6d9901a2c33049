using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Vypr.Generators;

/// <summary>Type questions the fluent specification reader asks: DSL types by name, runtime type names, value classes.</summary>
internal static class DslTypes
{
    /// <summary>True when <paramref name="type"/> is the Vypr DSL type <c>Vypr.<paramref name="metadataName"/></c>.</summary>
    public static bool IsVypr(ITypeSymbol? type, string metadataName) =>
        type is INamedTypeSymbol { ContainingType: null } named
        && named.MetadataName == metadataName
        && named.ContainingNamespace is { Name: KnownNames.VyprNamespace, ContainingNamespace.IsGlobalNamespace: true };

    /// <summary>True when <paramref name="method"/> is <paramref name="name"/> declared by the Vypr type <paramref name="typeMetadataName"/>.</summary>
    public static bool IsVyprMethod(IMethodSymbol? method, string typeMetadataName, string name) =>
        method is not null && method.Name == name && IsVypr(method.ContainingType, typeMetadataName);

    /// <summary>True for any type declared in the namespace <c>Vypr</c> (the DSL's terms, bindings and formulas).</summary>
    public static bool IsVyprNamespace(ITypeSymbol? type) =>
        type is INamedTypeSymbol named
        && (named.ContainingType is null ? named : Outermost(named)).ContainingNamespace is { Name: KnownNames.VyprNamespace, ContainingNamespace.IsGlobalNamespace: true };

    /// <summary>
    /// The type's name as <c>System.Type.FullName</c> writes it for the generic definition: namespace, containing
    /// types joined by '+', generic arity as <c>`N</c>. Null for types that have no such name (arrays, type parameters).
    /// </summary>
    public static string? RuntimeFullName(ITypeSymbol type)
    {
        if (type is not INamedTypeSymbol named || named.TypeKind == TypeKind.Error)
        {
            return null;
        }

        named = named.OriginalDefinition;
        if (named.ContainingType is { } outer)
        {
            return RuntimeFullName(outer) is { } outerName ? outerName + "+" + named.MetadataName : null;
        }

        return named.ContainingNamespace is null or { IsGlobalNamespace: true }
            ? named.MetadataName
            : named.ContainingNamespace.ToDisplayString() + "." + named.MetadataName;
    }

    /// <summary>The part of a runtime full name after its last '.' or '+', as <c>Vypr.Quantifier.ShortName</c> cuts it.</summary>
    public static string ShortName(string fullName)
    {
        int cut = fullName.LastIndexOfAny(['.', '+']);
        return cut < 0 ? fullName : fullName.Substring(cut + 1);
    }

    /// <summary>True for Task, Task&lt;T&gt;, ValueTask and ValueTask&lt;T&gt;.</summary>
    public static bool IsTaskLike(ITypeSymbol type) => TaskResult(type, out _);

    /// <summary>The value a call of <paramref name="method"/> produces as its result: the awaited value of a task; null when there is none.</summary>
    public static ITypeSymbol? ResultType(IMethodSymbol method)
    {
        if (method.ReturnsVoid)
        {
            return null;
        }

        return TaskResult(method.ReturnType, out ITypeSymbol? awaited) ? awaited : method.ReturnType;
    }

    /// <summary>How the runtime will see a value of <paramref name="type"/>.</summary>
    public static ValueClass Classify(ITypeSymbol type)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            type = nullable.TypeArguments[0];
        }

        switch (type.SpecialType)
        {
            case SpecialType.System_SByte or SpecialType.System_Byte or SpecialType.System_Int16 or SpecialType.System_UInt16
                or SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64
                or SpecialType.System_Single or SpecialType.System_Double or SpecialType.System_Decimal
                or SpecialType.System_IntPtr or SpecialType.System_UIntPtr:
                return ValueClass.Number;
            case SpecialType.System_String:
                return ValueClass.Text;
            case SpecialType.System_Object or SpecialType.System_Boolean or SpecialType.System_Char or SpecialType.System_ValueType
                or SpecialType.System_Enum:
                return ValueClass.Unknown;
        }

        return type switch
        {
            INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct or TypeKind.Delegate } => ValueClass.Other,
            IArrayTypeSymbol => ValueClass.Other,
            _ => ValueClass.Unknown,
        };
    }

    /// <summary>The class of a value that may have any of <paramref name="types"/> (one per candidate method or declaration).</summary>
    public static ValueClass Classify(IEnumerable<ITypeSymbol> types)
    {
        ValueClass[] classes = types.Select(Classify).Distinct().ToArray();
        if (classes.Length == 0)
        {
            return ValueClass.Unknown;
        }

        if (classes.Length == 1)
        {
            return classes[0];
        }

        // A string in one overload and a record in another are both texts to the runtime.
        return classes.All(c => c is ValueClass.Text or ValueClass.Other) ? ValueClass.Other : ValueClass.Unknown;
    }

    /// <summary>True when a value of <paramref name="type"/> has a <c>Length</c> or <c>Count</c> that generated code can read.</summary>
    public static bool HasLength(ITypeSymbol type)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            type = nullable.TypeArguments[0];
        }

        if (type is IArrayTypeSymbol || type.SpecialType == SpecialType.System_String)
        {
            return true;
        }

        IEnumerable<ITypeSymbol> searched = type is ITypeParameterSymbol parameter
            ? parameter.ConstraintTypes
            : Hierarchy(type).Concat(type.AllInterfaces);
        return searched.Any(t => t.GetMembers("Length").Concat(t.GetMembers("Count"))
            .Any(m => m is IPropertySymbol { IsStatic: false, IsIndexer: false, GetMethod: not null } property
                      && Classify(property.Type) == ValueClass.Number));
    }

    /// <summary>The type, its base types, and for an interface nothing more (its bases are in <c>AllInterfaces</c>).</summary>
    public static IEnumerable<ITypeSymbol> Hierarchy(ITypeSymbol type)
    {
        for (ITypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            yield return current;
        }
    }

    /// <summary>How a type shows in messages: <c>string</c>, <c>FileStore</c>.</summary>
    public static string Display(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);

    private static bool TaskResult(ITypeSymbol type, out ITypeSymbol? awaited)
    {
        awaited = null;
        if (type is not INamedTypeSymbol named)
        {
            return false;
        }

        string definition = named.OriginalDefinition.ToDisplayString();
        switch (definition)
        {
            case "System.Threading.Tasks.Task" or "System.Threading.Tasks.ValueTask":
                return true;
            case "System.Threading.Tasks.Task<TResult>" or "System.Threading.Tasks.ValueTask<TResult>":
                awaited = named.TypeArguments[0];
                return true;
            default:
                return false;
        }
    }

    private static INamedTypeSymbol Outermost(INamedTypeSymbol type)
    {
        while (type.ContainingType is { } outer)
        {
            type = outer;
        }

        return type;
    }
}
