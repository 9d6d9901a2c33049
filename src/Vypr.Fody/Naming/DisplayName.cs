using System.Collections.Generic;
using System.Linq;
using System.Text;
using Mono.Cecil;

namespace Vypr.Fody.Naming;

/// <summary>
/// A method as people read it in reports (<c>Uploader.PayloadHasher.Hash(byte[])</c>), in the form the source
/// generator uses, so both backends show the same name for the same specification.
/// </summary>
internal static class DisplayName
{
    private static readonly Dictionary<string, string> s_keywords = new()
    {
        ["System.Void"] = "void", ["System.Boolean"] = "bool", ["System.Byte"] = "byte", ["System.SByte"] = "sbyte",
        ["System.Int16"] = "short", ["System.UInt16"] = "ushort", ["System.Int32"] = "int", ["System.UInt32"] = "uint",
        ["System.Int64"] = "long", ["System.UInt64"] = "ulong", ["System.Single"] = "float", ["System.Double"] = "double",
        ["System.Decimal"] = "decimal", ["System.Char"] = "char", ["System.String"] = "string", ["System.Object"] = "object",
        ["System.IntPtr"] = "nint", ["System.UIntPtr"] = "nuint",
    };

    public static string Of(MethodDefinition method)
    {
        var text = new StringBuilder();
        AppendTypeName(text, method.DeclaringType, method.DeclaringType.GenericParameters.Select(p => p.Name).ToList());
        text.Append('.');
        string name = method.Name;
        if (method.IsConstructor)
        {
            name = Simple(method.DeclaringType.Name);
        }
        else if (method.IsSpecialName && (name.StartsWith("get_", System.StringComparison.Ordinal) || name.StartsWith("set_", System.StringComparison.Ordinal)))
        {
            // An accessor reads as its property: Cache.Count.get
            return text.Append(name.Substring(4)).Append('.').Append(name.Substring(0, 3)).ToString();
        }

        if (method.HasOverrides && name.Contains("."))
        {
            // An explicit implementation reads as its interface member: Rules.PositiveRule.Rules.IRule<int>.Check(int)
            AppendType(text, method.Overrides[0].DeclaringType);
            text.Append('.').Append(method.Overrides[0].Name);
        }
        else
        {
            text.Append(name);
        }

        if (method.HasGenericParameters)
        {
            text.Append('<').Append(string.Join(", ", method.GenericParameters.Select(p => p.Name))).Append('>');
        }

        text.Append('(');
        for (int i = 0; i < method.Parameters.Count; i++)
        {
            ParameterDefinition parameter = method.Parameters[i];
            if (i > 0)
            {
                text.Append(", ");
            }

            // Modifiers as the generator's names write them (Roslyn's): scoped first, then the ref kind or params. A
            // params span is scoped without saying so: its ScopedRef attribute is the compiler's, not the declaration's.
            bool isParams = Has(parameter, "System.ParamArrayAttribute") || Has(parameter, "System.Runtime.CompilerServices.ParamCollectionAttribute");
            if (!isParams && Has(parameter, "System.Runtime.CompilerServices.ScopedRefAttribute"))
            {
                text.Append("scoped ");
            }

            TypeReference type = Unmodified(parameter.ParameterType);
            if (type is ByReferenceType byReference)
            {
                text.Append(parameter.IsOut ? "out " : Has(parameter, "System.Runtime.CompilerServices.RequiresLocationAttribute") ? "ref readonly " : IsIn(parameter) ? "in " : "ref ");
                type = byReference.ElementType;
            }
            else if (isParams)
            {
                text.Append("params ");
            }

            AppendType(text, type);
        }

        return text.Append(')').ToString();
    }

    private static bool IsIn(ParameterDefinition parameter) =>
        parameter.IsIn || Has(parameter, "System.Runtime.CompilerServices.IsReadOnlyAttribute");

    private static bool Has(ParameterDefinition parameter, string attribute) =>
        parameter.CustomAttributes.Any(a => a.AttributeType.FullName == attribute);

    private static TypeReference Unmodified(TypeReference type) => type is IModifierType modified ? Unmodified(modified.ElementType) : type;

    private static string Simple(string name)
    {
        int tick = name.IndexOf('`');
        return tick < 0 ? name : name.Substring(0, tick);
    }

    private static void AppendTypeName(StringBuilder text, TypeReference type, IReadOnlyList<string> arguments)
    {
        var chain = new List<TypeReference>();
        for (TypeReference? t = type; t is not null; t = t.DeclaringType)
        {
            chain.Insert(0, t);
        }

        if (chain[0].Namespace.Length > 0)
        {
            text.Append(chain[0].Namespace).Append('.');
        }

        int used = 0;
        for (int i = 0; i < chain.Count; i++)
        {
            if (i > 0)
            {
                text.Append('.');
            }

            string name = chain[i].Name;
            int tick = name.IndexOf('`');
            if (tick < 0)
            {
                text.Append(name);
                continue;
            }

            int arity = int.Parse(name.Substring(tick + 1), System.Globalization.CultureInfo.InvariantCulture);
            text.Append(name, 0, tick).Append('<').Append(string.Join(", ", arguments.Skip(used).Take(arity))).Append('>');
            used += arity;
        }
    }

    private static void AppendType(StringBuilder text, TypeReference type)
    {
        type = Unmodified(type);
        switch (type)
        {
            case ByReferenceType byReference:
                AppendType(text, byReference.ElementType);
                break;
            case PointerType pointer:
                AppendType(text, pointer.ElementType);
                text.Append('*');
                break;
            case ArrayType array:
                AppendType(text, array.ElementType);
                text.Append('[').Append(new string(',', array.Rank - 1)).Append(']');
                break;
            case GenericParameter parameter:
                text.Append(parameter.Name);
                break;
            case GenericInstanceType instance when instance.ElementType.FullName == "System.Nullable`1":
                AppendType(text, instance.GenericArguments[0]);
                text.Append('?');
                break;
            case GenericInstanceType instance:
                var arguments = new List<string>();
                foreach (TypeReference argument in instance.GenericArguments)
                {
                    var one = new StringBuilder();
                    AppendType(one, argument);
                    arguments.Add(one.ToString());
                }

                AppendTypeName(text, instance.ElementType, arguments);
                break;
            default:
                if (s_keywords.TryGetValue(type.FullName, out string? keyword))
                {
                    text.Append(keyword);
                }
                else
                {
                    AppendTypeName(text, type, new List<string>());
                }

                break;
        }
    }
}
