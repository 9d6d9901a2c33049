using Vypr.Generators.Tests.Harness;
using Xunit;

namespace Vypr.Generators.Tests;

/// <summary>
/// The generator resolves call targets without the compiler's nullable analysis (most of the cost of binding, and the
/// compile runs it again anyway). That analysis infers type arguments again from the flow state of the arguments and
/// the receiver; the interceptors must still compile without CS9158/CS9159 (which only Emit reports, and a build
/// treats as errors) whatever the flow state, and a type argument written at the call keeps its annotation.
/// </summary>
public sealed class InferredNullabilityTests
{
    [Fact]
    public void Type_arguments_inferred_from_flow_state_are_the_ones_nullable_analysis_infers()
    {
        const string source = """
            using System.Collections.Generic;
            using Vypr;
            public static class Program
            {
                public static object Run()
                {
                    string? declaredMaybeNull = "a";
                    string same = Text.Same(declaredMaybeNull); // probed
                    string? explicitNullable = Text.Same<string?>(null); // probed
                    string viaBox = Box.Of(declaredMaybeNull).Get(); // probed
                    var inferredBox = Box.Of(declaredMaybeNull);
                    string viaLocal = inferredBox.Get(); // probed
                    string orElse = declaredMaybeNull.Or("b"); // probed
                    int valueType = Text.Same(5); // probed
                    List<string?> list = new() { null };
                    string? fromList = Text.Same(list[0]); // probed
                    string? isNull = null;
                    string? maybeNull = Text.Same(isNull); // probed
                    (string, string?) tuple = Text.Same((same, isNull)); // probed
                    string? viaNullBox = Box.Of(isNull).Get(); // probed
                    return same + explicitNullable + viaBox + viaLocal + orElse + valueType + fromList + maybeNull + tuple.Item1 + viaNullBox;
                }
            }
            public static class Text
            {
                [MaxDuration("1s")] public static T Same<T>(T value) => value;
                [MaxDuration("1s")] public static T Or<T>(this T? value, T other) where T : class => value ?? other;
            }
            public sealed class Box<T>
            {
                private readonly T _value;
                public Box(T value) => _value = value;
                [MaxDuration("1s")] public T Get() => _value;
            }
            public static class Box
            {
                public static Box<T> Of<T>(T value) => new(value);
            }
            """;

        // Execute asserts that the program and the generated code compile without any warning.
        var (run, verdicts) = MonitoredProgram.Execute("InferredNullability.cs", source);

        MonitoredProgram.AssertProbedLines("InferredNullability.cs", source, verdicts);
        Assert.Equal(10, verdicts.Count);
        string generated = run.GeneratedSource!;

        // Nullable analysis infers 'string' for the not-null flow state of a 'string?' local, and an explicit
        // 'string?' stays: two interceptor bodies, not one shared by both.
        Assert.Contains("Same<string>(", generated, System.StringComparison.Ordinal);
        Assert.Contains("Same<string?>(", generated, System.StringComparison.Ordinal);
        Assert.Contains("global::Box<string> @this", generated, System.StringComparison.Ordinal);
        Assert.DoesNotContain("global::Box<string?> @this", generated, System.StringComparison.Ordinal);
    }
}
