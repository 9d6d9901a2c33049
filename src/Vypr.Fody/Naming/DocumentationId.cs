using System.Linq;
using System.Text;
using Mono.Cecil;

namespace Vypr.Fody.Naming;

/// <summary>
/// A method's identity across compilations, written exactly as Vypr's source generator writes it (Roslyn's
/// documentation comment ID, with <c>~ReturnType</c> for methods that return a value), so a specification woven in IL
/// and one intercepted at a call site are one specification to the monitor, the results and the server.
/// </summary>
internal static class DocumentationId
{
    public static string Of(MethodDefinition method)
    {
        var id = new StringBuilder("M:");
        AppendTypeName(id, method.DeclaringType);
        id.Append('.').Append(Encode(method.Name switch { ".ctor" => "#ctor", ".cctor" => "#cctor", _ => method.Name }));
        if (method.HasGenericParameters)
        {
            id.Append("``").Append(method.GenericParameters.Count);
        }

        if (method.HasParameters)
        {
            id.Append('(');
            for (int i = 0; i < method.Parameters.Count; i++)
            {
                if (i > 0)
                {
                    id.Append(',');
                }

                AppendType(id, method.Parameters[i].ParameterType);
            }

            id.Append(')');
        }

        if (method.ReturnType.MetadataType != MetadataType.Void)
        {
            // A ref return is written as its type (Roslyn keeps the ref kind out of the ID). A ref readonly return is a
            // reference under a modreq(InAttribute): look through the modifiers first, or it would be written with '@'.
            TypeReference returned = method.ReturnType;
            while (returned is IModifierType modified)
            {
                returned = modified.ElementType;
            }

            id.Append('~');
            AppendType(id, returned is ByReferenceType byReference ? byReference.ElementType : returned);
        }

        return id.ToString();
    }

    // Explicit implementations are named after the interface member ("Ns.IRule<System.Int32>.Check"); Roslyn
    // replaces the dots, which the ID syntax uses itself, and keeps the rest: "Ns#IRule<System#Int32>#Check".
    private static string Encode(string name) => name.Replace('.', '#');

    private static void AppendTypeName(StringBuilder id, TypeReference type)
    {
        if (type.DeclaringType is not null)
        {
            AppendTypeName(id, type.DeclaringType);
            id.Append('.');
        }
        else if (type.Namespace.Length > 0)
        {
            id.Append(type.Namespace).Append('.');
        }

        id.Append(type.Name);
    }

    private static void AppendType(StringBuilder id, TypeReference type)
    {
        switch (type)
        {
            case IModifierType modified:
                AppendType(id, modified.ElementType);
                break;
            case ByReferenceType byReference:
                AppendType(id, byReference.ElementType);
                id.Append('@');
                break;
            case PointerType pointer:
                AppendType(id, pointer.ElementType);
                id.Append('*');
                break;
            case ArrayType array:
                AppendType(id, array.ElementType);
                id.Append(array.IsVector ? "[]" : "[" + string.Join(",", array.Dimensions.Select(_ => "0:")) + "]");
                break;
            case GenericParameter parameter:
                id.Append(parameter.Type == GenericParameterType.Method ? "``" : "`").Append(parameter.Position);
                break;
            case GenericInstanceType instance:
                AppendGenericInstance(id, instance);
                break;
            default:
                AppendTypeName(id, type);
                break;
        }
    }

    // Arguments of a nested generic instance belong to the types they are written on: Outer{A}.Inner{B}.
    private static void AppendGenericInstance(StringBuilder id, GenericInstanceType instance)
    {
        TypeReference definition = instance.ElementType;
        var chain = new System.Collections.Generic.List<TypeReference>();
        for (TypeReference? t = definition; t is not null; t = t.DeclaringType)
        {
            chain.Insert(0, t);
        }

        if (chain[0].Namespace.Length > 0)
        {
            id.Append(chain[0].Namespace).Append('.');
        }

        int used = 0;
        for (int i = 0; i < chain.Count; i++)
        {
            if (i > 0)
            {
                id.Append('.');
            }

            string name = chain[i].Name;
            int tick = name.IndexOf('`');
            if (tick < 0)
            {
                id.Append(name);
                continue;
            }

            int arity = int.Parse(name.Substring(tick + 1), System.Globalization.CultureInfo.InvariantCulture);
            id.Append(name, 0, tick).Append('{');
            for (int a = 0; a < arity; a++)
            {
                if (a > 0)
                {
                    id.Append(',');
                }

                AppendType(id, instance.GenericArguments[used + a]);
            }

            id.Append('}');
            used += arity;
        }
    }
}
