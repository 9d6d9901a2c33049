using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Vypr.Contracts;
using Vypr.Runtime;
using Vypr.Tests.Shared.Corpus;
using Xunit;

namespace Vypr.Fody.Tests.Corpus;

/// <summary>
/// The same specifications give the same verdicts on both backends, over the generator's call-shape corpus: every
/// shape of <see cref="CallShapes"/> (in each of its roles: a <c>[MaxDuration]</c> call, a call a fluent
/// specification quantifies over, a change of a variable, a call of a scoped method) and every program of
/// <see cref="CallShapePrograms"/> is compiled once with interceptors and once for the IL backend, woven by the real
/// weaver, run in this process, and the verdicts are compared one by one.
/// <para>
/// Compared: which specification each verdict is of (its key and method), how many verdicts, each verdict's outcome
/// and whether its call threw, the test it is attributed to, what the program returned. The corpus's bounds are
/// generous on purpose (100 s for a call of a few instructions; 1 s and more in the programs), so every outcome is
/// certain on any machine; the one tight bound of the programs (<c>FastJob.Execute</c>, 5 ms) is compared by count
/// only, as its outcome depends on the load.
/// </para>
/// <para>
/// Not compared: durations (two runs never take the same time), and the call site of a <c>[MaxDuration]</c> or
/// scoped-call verdict, which differs by design: an interceptor reports the call, the IL backend the declaration of
/// the method timed in its own body.
/// </para>
/// <para>
/// Where interceptors cannot reach a call (the shape declines it with a documented diagnostic), the comparison
/// expects what <see cref="DeclinedByInterceptors"/> lists for it, with the reason: interceptors give no verdict (and
/// their weaving report names the call as not woven, where the generator can name its method), while the IL backend,
/// which times the method in its own body, counts it; or, for the few calls neither backend can see (a call in a
/// lambda inside a scoped method, a dynamic call inside one), does not.
/// </para>
/// </summary>
public sealed class CorpusComparisonTests
{
    private const string PointerReason = "an interceptor cannot be written for a call involving pointer types (the weaving report says so); the IL backend ";
    private const string DynamicReason = "a dynamic call is bound at run time and only calls bound at compile time can be intercepted; the IL backend ";
    private const string NestedBodyReason =
        "a quantifier ranges over the calls written directly in the scoped method's body (docs/diagnostics.md, VYPR0015): the call is in another method the compiler makes of the lambda or local function, which neither backend observes; the generator says so with a diagnostic at the call";

    /// <summary>
    /// Every role of a corpus shape that interceptors decline (<see cref="Shape.DeclinedIn"/>, by its letter): what each
    /// backend does with it, and why. The comparison fails when a shape declines a role this list does not hold, and
    /// when an entry here is no longer declined.
    /// </summary>
    public static readonly IReadOnlyDictionary<(string Shape, char Role), DeclinedShape> DeclinedByInterceptors = new Dictionary<(string, char), DeclinedShape>
    {
        [("pointer parameter", 'a')] = new(1, true, PointerReason + "times U.Deref in its own body"),
        [("pointer parameter", 'b')] = new(1, true, PointerReason + "observes the call in VScope.Run's own body"),
        [("pointer parameter", 'c')] = new(1, true, PointerReason + "begins the invocation in U.Deref's own body"),
        [("call in a lambda", 'b')] = new(0, false, NestedBodyReason),
        [("call in a local function", 'b')] = new(0, false, NestedBodyReason),
        // A dynamic receiver leaves the generator no method to name, so the call is not in its weaving report: the
        // coverage analyzer's diagnostic at the call says it instead.
        [("dynamic receiver", 'a')] = new(1, false, DynamicReason + "times Dy.Late in its own body"),
        [("dynamic receiver", 'b')] = new(0, false, DynamicReason + "does not see it either: the runtime binder makes the call, and VScope.Run's IL holds no call of Dy.Late"),
        [("dynamic receiver", 'c')] = new(1, false, DynamicReason + "begins the invocation in Dy.Late's own body"),
        [("dynamic argument", 'a')] = new(1, true, DynamicReason + "times Dy.Take in its own body"),
        [("dynamic argument", 'b')] = new(0, true, DynamicReason + "does not see it either: the runtime binder makes the call, and VScope.Run's IL holds no call of Dy.Take"),
        [("dynamic argument", 'c')] = new(1, true, DynamicReason + "begins the invocation in Dy.Take's own body"),
    };

    [Fact]
    public void Receivers_give_the_same_verdicts_on_both_backends() => CompareShapes(CallShapes.Receivers, "Receivers");

    [Fact]
    public void Signatures_give_the_same_verdicts_on_both_backends() => CompareShapes(CallShapes.Signatures, "Signatures");

    [Fact]
    public void Annotated_library_calls_give_the_same_verdicts_on_both_backends() => CompareShapes(CallShapes.LibraryCalls, "LibraryCalls");

    [Theory]
    [InlineData(nameof(CallShapePrograms.StaticCall))]
    [InlineData(nameof(CallShapePrograms.InstanceCall))]
    [InlineData(nameof(CallShapePrograms.GenericCall))]
    [InlineData(nameof(CallShapePrograms.GenericTypeCall))]
    [InlineData(nameof(CallShapePrograms.ExtensionCall))]
    [InlineData(nameof(CallShapePrograms.AsyncCall))]
    [InlineData(nameof(CallShapePrograms.InterfaceCall))]
    [InlineData(nameof(CallShapePrograms.VirtualCall))]
    [InlineData(nameof(CallShapePrograms.PrivateCall))]
    [InlineData(nameof(CallShapePrograms.ThrowingCall))]
    [InlineData(nameof(CallShapePrograms.RefCall))]
    public void Call_shape_programs_give_the_same_verdicts_on_both_backends(string name)
    {
        string source = (string)typeof(CallShapePrograms).GetField(name)!.GetValue(null)!;
        BackendRun intercepted = CorpusBuild.Run(Backend.Interceptors, name, source);
        BackendRun woven = CorpusBuild.Run(Backend.IL, name, source);

        Assert.NotEmpty(intercepted.Verdicts);
        Assert.Equal(intercepted.Result, woven.Result);
        Assert.Equal(Describe(intercepted, intercepted.Verdicts), Describe(woven, woven.Verdicts));
        Assert.Empty(WovenBoundsNotAtTheirDeclaration(woven));
    }

    private static void CompareShapes(IReadOnlyList<Shape> shapes, string name)
    {
        string source = ShapeProgram.Text(shapes, name);
        BackendRun intercepted = CorpusBuild.Run(Backend.Interceptors, name, source);
        BackendRun woven = CorpusBuild.Run(Backend.IL, name, source);
        IReadOnlyList<WeavingReportRow> report = WeavingReportRow.Parse(intercepted.WeavingReport);
        Assert.NotEmpty(report);

        var differences = new List<string>();
        var visited = new HashSet<(string, char)>();
        for (int i = 0; i < shapes.Count; i++)
        {
            Shape shape = shapes[i];
            foreach ((string role, string prefix) in ShapeProgram.Roles(shape, name + i))
            {
                VerdictInfo[] mine = Of(intercepted.Verdicts, role, prefix);
                VerdictInfo[] theirs = Of(woven.Verdicts, role, prefix);
                char letter = char.ToLowerInvariant(prefix[^1]);
                if (!ShapeProgram.IsDeclined(shape, prefix))
                {
                    // Each shape's statement calls once: one verdict each, the same on both.
                    string expected = Describe(intercepted, mine);
                    string actual = Describe(woven, theirs);
                    if (mine.Length != 1 || expected != actual)
                    {
                        differences.Add($"{shape.Name} as {role} ({prefix}): intercepted [{expected}], woven [{actual}]");
                    }

                    continue;
                }

                bool reportedNotWoven = report.Any(r => !r.Woven && r.Caller.StartsWith(prefix + ".", StringComparison.Ordinal));
                if (!DeclinedByInterceptors.TryGetValue((shape.Name, letter), out DeclinedShape? declined))
                {
                    differences.Add($"{shape.Name} as {role} ({prefix}) is declined by interceptors but not listed in {nameof(DeclinedByInterceptors)}: woven [{Describe(woven, theirs)}], reported not woven: {reportedNotWoven}");
                    continue;
                }

                visited.Add((shape.Name, letter));
                if (mine.Length != 0 || reportedNotWoven != declined.InWeavingReport || theirs.Length != declined.WovenVerdicts || theirs.Any(v => !v.Value || v.Threw))
                {
                    differences.Add($"{shape.Name} as {role} ({prefix}), declined by interceptors: intercepted {mine.Length} verdicts, reported not woven: {reportedNotWoven}; woven [{Describe(woven, theirs)}]; expected {declined}");
                }
            }
        }

        differences.AddRange(DeclinedByInterceptors.Keys
            .Where(k => shapes.Any(s => s.Name == k.Shape) && !visited.Contains(k))
            .Select(k => $"{k.Shape} ({k.Role}) is listed in {nameof(DeclinedByInterceptors)} but no longer declined"));
        differences.AddRange(WovenBoundsNotAtTheirDeclaration(woven));
        Assert.True(differences.Count == 0, string.Join("\n", differences) + "\n\nreport:\n" + intercepted.WeavingReport);
    }

    // The IL run is woven in IL, not intercepted: each [MaxDuration] verdict's call site is the timed method's own
    // declaration (an interceptor's would be the call, in its caller).
    private static IEnumerable<string> WovenBoundsNotAtTheirDeclaration(BackendRun woven) => woven.Verdicts
        .Select(v => (Specification: MonitorRegistry.Specification(v.SpecificationId), Site: MonitorRegistry.CallSite(v.CallSiteId)))
        .Where(v => v.Specification.Key.StartsWith("M:", StringComparison.Ordinal) && v.Site.Caller != v.Specification.Method)
        .Select(v => $"{v.Specification.Method}: woven, yet its verdict is at a call in {v.Site.Caller}")
        .Distinct();

    private static VerdictInfo[] Of(IReadOnlyList<VerdictInfo> verdicts, string role, string prefix) =>
        verdicts.Where(v => ShapeProgram.BelongsTo(MonitorRegistry.Specification(v.SpecificationId), role, prefix)).ToArray();

    // A verdict as both backends must agree on it: its specification, the test it is attributed to, whether its call
    // threw, and its outcome where the bound makes it certain (1 s or more, or a fluent specification's 100 s).
    private static string Describe(BackendRun run, IEnumerable<VerdictInfo> verdicts) => string.Join(
        "; ",
        verdicts
            .Select(v =>
            {
                SpecificationInfo specification = MonitorRegistry.Specification(v.SpecificationId);
                bool certain = specification.BoundNanoseconds is 0 or >= 1_000_000_000L;
                string outcome = certain ? v.Value.ToString(CultureInfo.InvariantCulture) : "(load-dependent)";
                return $"{specification.Key} [{specification.Method}] {(v.TestId == run.TestId ? "in its test" : "in another test")} threw {v.Threw} {outcome}";
            })
            .Order(StringComparer.Ordinal));
}
