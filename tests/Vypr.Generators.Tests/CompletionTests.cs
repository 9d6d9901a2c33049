using System.Collections.Generic;
using System.Linq;
using System.Text;
using Vypr.Contracts;
using Vypr.Generators.Tests.Harness;
using Xunit;

namespace Vypr.Generators.Tests;

/// <summary>
/// A verdict says a call threw exactly when it did. Every role a call site can have (a <c>[MaxDuration]</c> call, a
/// call a fluent specification quantifies over, both, a call of a scoped method, a scoped method with a bound) is
/// crossed with every shape of return (void, a value, a reference, Task, Task&lt;T&gt;, ValueTask, ValueTask&lt;T&gt;)
/// and every way of ending (returning, completing after a yield, throwing, a faulted task now or later), all in one
/// compiled and run program.
/// </summary>
public sealed class CompletionTests
{
    // Each shape: its name, its return type, and how it ends in each mode (0 and 1 normally, 2 and later by an exception).
    private static readonly (string Name, string Returns, string[] Modes)[] s_shapes =
    [
        ("Void", "void", ["return;", "throw new Boom();"]),
        ("Value", "int", ["return 1;", "throw new Boom();"]),
        ("Reference", "ref int", ["return ref s_cell;", "throw new Boom();"]),
        ("OfTask", "Task", ["return Task.CompletedTask;", "return Later(false);", "throw new Boom();", "return Task.FromException(new Boom());", "return Later(true);"]),
        ("OfTaskValue", "Task<int>", ["return Task.FromResult(1);", "return LaterValue(false);", "throw new Boom();", "return Task.FromException<int>(new Boom());", "return LaterValue(true);"]),
        ("OfValueTask", "ValueTask", ["return ValueTask.CompletedTask;", "return new ValueTask(Later(false));", "throw new Boom();", "return ValueTask.FromException(new Boom());", "return new ValueTask(Later(true));"]),
        ("OfValueTaskValue", "ValueTask<int>", ["return new ValueTask<int>(1);", "return new ValueTask<int>(LaterValue(false));", "throw new Boom();", "return ValueTask.FromException<int>(new Boom());", "return new ValueTask<int>(LaterValue(true));"]),
    ];

    [Fact]
    public void Threw_is_true_exactly_for_calls_that_ended_by_an_exception_in_every_role_and_return_shape()
    {
        string source = Program();
        (GeneratorRun run, IReadOnlyList<VerdictInfo> verdicts) = MonitoredProgram.Execute("Completion.cs", source);

        foreach ((string name, string returns, string[] modes) in s_shapes)
        {
            bool[] expected = Enumerable.Range(0, modes.Length).Select(IsThrowing(modes.Length)).ToArray();
            string[] roles =
            [
                $"MaxDuration of Plain.{name} called directly",
                $"MaxDuration of Plain.{name} called in a scoped method",
                $"Calls.To<Inner>({name})",
                $"Calls.To<Plain>({name})",
                $"Calls.OfScope() of Scoped.{name}",
                $"Calls.OfScope() of BoundScoped.{name}",
                $"MaxDuration of BoundScoped.{name}",
            ];
            foreach (string role in roles)
            {
                bool[] actual = VerdictsOf(verdicts, role, name).OrderBy(v => v.StartedAt).ThenBy(v => v.Sequence).Select(v => v.Threw).ToArray();
                Assert.True(expected.SequenceEqual(actual), $"{role} ({returns}): expected threw {string.Join(", ", expected)}, got {string.Join(", ", actual)}"
                    + string.Join("\n", VerdictsOf(verdicts, role, name).Select(v => $"{v.Sequence} {v.StartedAt:O} {v.Threw} {MonitoredProgram.SiteOf(v)} {MonitoredProgram.SpecificationOf(v)}")));
            }
        }
    }

    private static System.Func<int, bool> IsThrowing(int modes) => mode => modes == 2 ? mode == 1 : mode >= 2;

    private static IEnumerable<VerdictInfo> VerdictsOf(IReadOnlyList<VerdictInfo> verdicts, string role, string name)
    {
        foreach (VerdictInfo verdict in verdicts)
        {
            SpecificationInfo specification = MonitoredProgram.SpecificationOf(verdict);
            CallSiteInfo site = MonitoredProgram.SiteOf(verdict);
            bool isBound = specification.Text.StartsWith("MaxDuration", System.StringComparison.Ordinal);
            bool matches = role switch
            {
                _ when role.StartsWith("MaxDuration of Plain.", System.StringComparison.Ordinal) =>
                    isBound && specification.Method.StartsWith($"Plain.{name}(", System.StringComparison.Ordinal)
                    && (site.Caller.StartsWith("Program.", System.StringComparison.Ordinal) == role.EndsWith("directly", System.StringComparison.Ordinal)),
                _ when role.StartsWith("MaxDuration of BoundScoped.", System.StringComparison.Ordinal) =>
                    isBound && specification.Method.StartsWith($"BoundScoped.{name}(", System.StringComparison.Ordinal),
                _ when role.StartsWith("Calls.To<Inner>", System.StringComparison.Ordinal) =>
                    !isBound && specification.Key == $"P:Specs.Inner{name}",
                _ when role.StartsWith("Calls.To<Plain>", System.StringComparison.Ordinal) =>
                    !isBound && specification.Key == $"P:Specs.Plain{name}",
                _ when role.Contains("of Scoped.", System.StringComparison.Ordinal) =>
                    !isBound && specification.Key == $"P:Specs.Scoped{name}",
                _ => !isBound && specification.Key == $"P:Specs.BoundScoped{name}",
            };
            if (matches)
            {
                yield return verdict;
            }
        }
    }

    private static string Program()
    {
        var text = new StringBuilder("""
            using System;
            using System.Threading.Tasks;
            using Vypr;

            public sealed class Boom : Exception { }

            public static class Ends
            {
                public static async Task Later(bool throws) { await Task.Yield(); if (throws) throw new Boom(); }
                public static async Task<int> LaterValue(bool throws) { await Task.Yield(); if (throws) throw new Boom(); return 1; }
            }

            """);
        text.AppendLine("public static class Specs").AppendLine("{");
        foreach ((string name, _, _) in s_shapes)
        {
            text.AppendLine($"    [PerformanceSpecification] public static Specification Inner{name} => Specification.For<Driver>(nameof(Driver.{name})).Forall(\"c\", Calls.To<Inner>(nameof(Inner.{name}))).Check(c => c.Duration() < Duration.Seconds(100));");
            text.AppendLine($"    [PerformanceSpecification] public static Specification Plain{name} => Specification.For<Driver>(nameof(Driver.{name})).Forall(\"c\", Calls.To<Plain>(nameof(Plain.{name}))).Check(c => c.Duration() < Duration.Seconds(100));");
            text.AppendLine($"    [PerformanceSpecification] public static Specification Scoped{name} => Specification.For<Scoped>(nameof(Scoped.{name})).Forall(\"c\", Calls.OfScope()).Check(c => c.Duration() < Duration.Seconds(100));");
            text.AppendLine($"    [PerformanceSpecification] public static Specification BoundScoped{name} => Specification.For<BoundScoped>(nameof(BoundScoped.{name})).Forall(\"c\", Calls.OfScope()).Check(c => c.Duration() < Duration.Seconds(100));");
        }

        text.AppendLine("}");
        foreach ((string type, string attribute) in new[] { ("Plain", "[MaxDuration(\"100s\")] "), ("Inner", string.Empty), ("Scoped", string.Empty), ("BoundScoped", "[MaxDuration(\"100s\")] ") })
        {
            text.AppendLine($"public sealed class {type}").AppendLine("{");
            text.AppendLine("    private static int s_cell;");
            foreach ((string name, string returns, string[] modes) in s_shapes)
            {
                text.AppendLine($"    {attribute}public {returns} {name}(int mode)").AppendLine("    {");
                for (int mode = 0; mode < modes.Length - 1; mode++)
                {
                    text.AppendLine($"        if (mode == {mode}) {{ {modes[mode].Replace("Later", "Ends.Later")} }}");
                }

                text.AppendLine($"        {modes[^1].Replace("Later", "Ends.Later")}").AppendLine("    }");
            }

            text.AppendLine("}");
        }

        // The scoped methods of the Calls.To specifications: each calls the quantified method once, catching what it throws.
        text.AppendLine("public sealed class Driver").AppendLine("{");
        text.AppendLine("    private readonly Inner _inner = new();").AppendLine("    private readonly Plain _plain = new();");
        foreach ((string name, string returns, _) in s_shapes)
        {
            string call = returns.Contains("Task", System.StringComparison.Ordinal) ? "await " : "_ = ";
            call = returns == "void" ? string.Empty : call;
            text.AppendLine($"    public async Task {name}(int mode)").AppendLine("    {");
            text.AppendLine("        await Task.Yield();");
            text.AppendLine($"        try {{ {call}_inner.{name}(mode); }} catch (Boom) {{ }}");
            text.AppendLine($"        try {{ {call}_plain.{name}(mode); }} catch (Boom) {{ }}");
            text.AppendLine("    }");
        }

        text.AppendLine("}");
        text.AppendLine("public static class Program").AppendLine("{").AppendLine("    public static async Task Run()").AppendLine("    {");
        text.AppendLine("        var plain = new Plain(); var driver = new Driver(); var scoped = new Scoped(); var bound = new BoundScoped();");
        foreach ((string name, string returns, string[] modes) in s_shapes)
        {
            string call = returns.Contains("Task", System.StringComparison.Ordinal) ? "await " : "_ = ";
            call = returns == "void" ? string.Empty : call;
            text.AppendLine($"        for (int mode = 0; mode < {modes.Length}; mode++)").AppendLine("        {");
            text.AppendLine($"            try {{ {call}plain.{name}(mode); }} catch (Boom) {{ }}");
            text.AppendLine($"            await driver.{name}(mode);");
            text.AppendLine($"            try {{ {call}scoped.{name}(mode); }} catch (Boom) {{ }}");
            text.AppendLine($"            try {{ {call}bound.{name}(mode); }} catch (Boom) {{ }}");
            text.AppendLine("        }");
        }

        text.AppendLine("    }").AppendLine("}");
        return text.ToString();
    }
}
