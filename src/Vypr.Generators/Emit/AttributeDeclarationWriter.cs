using System.Collections.Generic;
using System.Linq;
using Vypr.Generators.Model;

namespace Vypr.Generators;

/// <summary>
/// Declares, file-local, the attributes an interceptor repeats that the compilation cannot name
/// (<see cref="AttributeModel.DeclaredInFile"/>): a netstandard2.0 project that sees only other assemblies' internal
/// polyfills of <c>[NotNull]</c> would otherwise fail with CS0122 in generated code. A file-local declaration never
/// clashes with a polyfill of the project's own, and the compiler reads these attributes by namespace and name.
/// </summary>
internal static class AttributeDeclarationWriter
{
    /// <summary>Writes the declarations the interceptors of <paramref name="calls"/> need in their file, if any.</summary>
    public static void Write(SourceWriter writer, IEnumerable<InterceptedCall> calls)
    {
        var byType = calls
            .SelectMany(AttributesOf)
            .Where(a => a.DeclaredInFile)
            .GroupBy(a => a.Type)
            .OrderBy(g => g.Key, System.StringComparer.Ordinal)
            .ToArray();
        foreach (var type in byType)
        {
            string name = type.Key.Replace("global::", string.Empty);
            int dot = name.LastIndexOf('.');
            writer.Open("namespace " + name.Substring(0, dot));
            writer.Line("[global::System.AttributeUsage(global::System.AttributeTargets.All, AllowMultiple = true, Inherited = false)]");
            writer.Open($"file sealed class {name.Substring(dot + 1)} : global::System.Attribute");

            // One constructor per argument list in use ([MemberNotNull] takes one text or several).
            foreach (string parameters in type.Select(ParametersOf).Distinct().OrderBy(p => p, System.StringComparer.Ordinal))
            {
                writer.Line($"public {name.Substring(dot + 1)}({parameters})");
                writer.Line("{");
                writer.Line("}");
            }

            writer.Close();
            writer.Close();
            writer.Line();
        }
    }

    private static IEnumerable<AttributeModel> AttributesOf(InterceptedCall call) =>
        call.ReturnAttributes
            .Concat(call.Receiver?.Attributes ?? EquatableArray<AttributeModel>.Empty)
            .Concat(call.Parameters.SelectMany(p => p.Attributes));

    private static string ParametersOf(AttributeModel attribute) =>
        string.Join(", ", attribute.Arguments.Select((a, i) =>
            (a.Boolean is not null ? "bool" : a.IsArray ? "params string[]" : "string") + " value" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
}
