using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Vypr.Contracts;

namespace Vypr.Tests.Shared.Corpus;

/// <summary>
/// The program text of a list of call shapes: each shape in each of its roles (a <c>[MaxDuration]</c> call, a call a
/// fluent specification quantifies over, a call of a scoped method) in a namespace of its own, and a
/// <c>Program.Run</c> that runs each once. The generator's corpus (tests/Vypr.Generators.Tests) and the comparison of
/// the backends (tests/Vypr.Fody.Tests) compile the same text.
/// </summary>
public static class ShapeProgram
{
    /// <summary>The role of a <c>[MaxDuration]</c> call; its namespace ends in A.</summary>
    public const string BoundRole = "a [MaxDuration] call";

    /// <summary>The role of a call a fluent specification quantifies over, inside its scoped method; namespace B.</summary>
    public const string QuantifiedRole = "a quantified call";

    /// <summary>The role of a text variable the call's result is assigned to, observed by <c>Changes.Of</c>; namespace B.</summary>
    public const string ChangeRole = "a change";

    /// <summary>The role of a call of the scoped method itself; namespace C.</summary>
    public const string ScopedRole = "a scoped call";

    private const string Bound = "[MaxDuration(\"100s\")]";

    private static readonly string[] s_noTypeArgument = ["System.IO.Path", "Math", "Span<int>"];

    /// <summary>The roles <paramref name="shape"/> has, each with the namespace it is written in (<paramref name="index"/> and a letter).</summary>
    public static IEnumerable<(string Role, string Prefix)> Roles(Shape shape, string index)
    {
        if (!shape.IsLibraryCall)
        {
            yield return (BoundRole, $"{index}A");
        }

        if (shape.IsDirect)
        {
            yield return (QuantifiedRole, $"{index}B");
        }

        if (shape.Change is not null)
        {
            yield return (ChangeRole, $"{index}B");
        }

        if (!shape.IsLibraryCall && shape.IsScopable && shape.Target is not null)
        {
            yield return (ScopedRole, $"{index}C");
        }
    }

    /// <summary>The letter of <paramref name="shape"/>'s <see cref="Shape.DeclinedIn"/> that stands for the role written in <paramref name="prefix"/>.</summary>
    public static bool IsDeclined(Shape shape, string prefix) =>
        shape.DeclinedIn.Contains(prefix[^1] switch { 'A' => 'a', 'B' => 'b', _ => 'c' }, StringComparison.Ordinal);

    /// <summary>Whether a verdict of <paramref name="specification"/> is one of the role <paramref name="role"/> written in <paramref name="prefix"/>.</summary>
    public static bool BelongsTo(SpecificationInfo specification, string role, string prefix) => role switch
    {
        BoundRole => specification.Method.StartsWith(prefix + ".", StringComparison.Ordinal),
        QuantifiedRole => specification.Key == $"P:{prefix}.Specs.CallsSpec",
        ChangeRole => specification.Key == $"P:{prefix}.Specs.ChangeSpec",
        _ => specification.Key == $"P:{prefix}.Specs.ScopeSpec",
    };

    /// <summary>The program text: every shape in every role it has, and a Program.Run that runs each once.</summary>
    public static string Text(IReadOnlyList<Shape> shapes, string name)
    {
        var text = new StringBuilder("""
            using System;
            using System.Diagnostics.CodeAnalysis;
            using System.Threading.Tasks;
            using Vypr;

            """);
        var runs = new List<string>();
        for (int i = 0; i < shapes.Count; i++)
        {
            Shape shape = shapes[i];
            string runSignature = shape.IsAsync ? "async Task Run()" : "void Run()";
            string Await(string call) => shape.IsAsync ? "await " + call : call;
            bool nameOnly = IsNamedByMethodOnly(shape);
            string calls = nameOnly ? $"Vypr.Calls.To(\"{shape.Method}\")" : $"Vypr.Calls.To<{shape.Target}>(\"{shape.Method}\")";
            const string check = ".Check(c => c.Duration() < Duration.Seconds(100));";

            if (!shape.IsLibraryCall)
            {
                text.Append($"namespace {name}{i}A\n{{\n");
                text.Append(shape.Declarations.Replace("BOUND", Bound, StringComparison.Ordinal)).Append('\n');
                text.Append($"public static class Driver {{ public static {runSignature} {{ {shape.Call} }} }}\n}}\n");
                runs.Add(Await($"{name}{i}A.Driver.Run();"));
            }

            text.Append($"namespace {name}{i}B\n{{\n");
            text.Append(shape.Declarations.Replace("BOUND", string.Empty, StringComparison.Ordinal)).Append('\n');
            text.Append("public static class Specs\n{\n");
            text.Append($"    [PerformanceSpecification] public static Specification CallsSpec => Specification.For<VScope>(nameof(VScope.Run)).Forall(\"c\", {calls}){check}\n");
            if (shape.Change is not null)
            {
                text.Append($"    [PerformanceSpecification] public static Specification ChangeSpec => Specification.For<VScope>(nameof(VScope.Run)).Forall(\"q\", Changes.Of(\"{shape.Change}\")).Check(q => q.Value() != \"never\");\n");
            }

            text.Append("}\n");
            text.Append($"public sealed class VScope {{ public {runSignature} {{ {shape.Call} }} }}\n");
            text.Append($"public static class Driver {{ public static {runSignature} {{ {Await("new VScope().Run();")} }} }}\n}}\n");
            runs.Add(Await($"{name}{i}B.Driver.Run();"));

            if (!shape.IsLibraryCall && shape.IsScopable && shape.Target is not null)
            {
                text.Append($"namespace {name}{i}C\n{{\n");
                text.Append(shape.Declarations.Replace("BOUND", string.Empty, StringComparison.Ordinal)).Append('\n');
                string scope = nameOnly ? $"Specification.For(typeof({shape.Target}), \"{shape.Method}\")" : $"Specification.For<{shape.Target}>(\"{shape.Method}\")";
                text.Append($"public static class Specs {{ [PerformanceSpecification] public static Specification ScopeSpec => {scope}.Forall(\"c\", Vypr.Calls.OfScope()){check} }}\n");
                text.Append($"public static class Driver {{ public static {runSignature} {{ {shape.Call} }} }}\n}}\n");
                runs.Add(Await($"{name}{i}C.Driver.Run();"));
            }
        }

        text.Append("public static class Program\n{\n    public static async Task Run()\n    {\n        await Task.Yield();\n");
        foreach (string run in runs)
        {
            text.Append("        ").Append(run).Append('\n');
        }

        text.Append("    }\n}\n");
        return text.ToString();
    }

    // Static classes and ref structs cannot be type arguments: their calls are named by method only, and their
    // methods are scoped with Specification.For(typeof(T), ...).
    private static bool IsNamedByMethodOnly(Shape shape) =>
        shape.Target is null || s_noTypeArgument.Contains(shape.Target)
        || Regex.IsMatch(shape.Declarations, $@"static (unsafe )?class {shape.Target} ")
        || shape.Declarations.Contains($"ref struct {shape.Target} ", StringComparison.Ordinal);
}
