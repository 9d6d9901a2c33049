using Microsoft.CodeAnalysis;

namespace Vypr.Generators.Analyzers;

/// <summary>Every diagnostic Vypr reports. docs/diagnostics.md shows each with a wrong and a fixed example.</summary>
internal static class DiagnosticDescriptors
{
    private const string SpecificationCategory = "Vypr.Specification";
    private const string MonitoringCategory = "Vypr.Monitoring";
    private const string HelpBase = "https://github.com/vypr-dotnet/vypr/blob/main/docs/diagnostics.md#";

    public static readonly DiagnosticDescriptor MalformedDuration = new(
        "VYPR0001",
        "Malformed duration bound",
        "The bound of {0} on '{1}' is not a valid duration: {2}",
        SpecificationCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A duration bound is a positive number followed by a unit: ns, us, ms, s or min (for example \"50ms\").",
        helpLinkUri: HelpBase + "vypr0001");

    public static readonly DiagnosticDescriptor NoBodyToTime = new(
        "VYPR0002",
        "Specification on a method without a body",
        "'{0}' is {1}: it has no body to time, so [MaxDuration] on it is never checked; put it on the implementations",
        SpecificationCategory,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "vypr0002");

    public static readonly DiagnosticDescriptor NotInterceptableMember = new(
        "VYPR0005",
        "Specification on a member whose calls cannot be intercepted",
        "'{0}' is {1}: its calls cannot be intercepted, so [MaxDuration] on it is not checked; move the work into an ordinary method and put the specification there, or set <VyprWeaving>IL</VyprWeaving> in the project",
        SpecificationCategory,
        DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "vypr0005");

    // Per call site and off by default: VYPR0018 counts these once per method. A project turns it on in .editorconfig.
    public static readonly DiagnosticDescriptor CallNotMonitored = new(
        "VYPR0003",
        "Call of a monitored method is not monitored",
        "This call of '{0}' is not monitored: {1}",
        MonitoringCategory,
        DiagnosticSeverity.Info,
        isEnabledByDefault: false,
        helpLinkUri: HelpBase + "vypr0003",
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    // Per method group and off by default: VYPR0018 counts these once per method.
    public static readonly DiagnosticDescriptor DelegateNotMonitored = new(
        "VYPR0004",
        "Monitored method converted to a delegate",
        "'{0}' is used as a delegate here; calls through the delegate are not monitored. Call it inside a lambda instead: x => {1}(x), or set VyprWeaving to IL or Both in the project that declares it.",
        MonitoringCategory,
        DiagnosticSeverity.Info,
        isEnabledByDefault: false,
        helpLinkUri: HelpBase + "vypr0004",
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor CallsNotWoven = new(
        "VYPR0018",
        "Calls of a monitored method that interceptors cannot time",
        "{0} {1} of '{2}' in this compilation cannot be timed by interceptors ({3}); set {4} in the project to time every call in the method's body, or enable VYPR0003 and VYPR0004 to see each call (the weaving report vypr-weaving.md lists them too)",
        MonitoringCategory,
        DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: "Interceptors replace calls whose target is known at compile time. Calls through a generic interface or a virtual member that may reach a generic type's method, calls in generic code over type parameters, method groups and dynamic calls are out of their reach; the IL backend weaves the probe into the method itself.",
        helpLinkUri: HelpBase + "vypr0018",
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor UnreadableSpecification = new(
        "VYPR0006",
        "Specification cannot be read",
        "'{0}' cannot be read as a performance specification: {1}",
        SpecificationCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The source generator reads a specification's fluent chain at compile time without running it, so the member must be a static Specification whose value is one chain Specification.For<T>(...).Forall(...).Check(lambda) of constants and Vypr terms.",
        helpLinkUri: HelpBase + "vypr0006");

    public static readonly DiagnosticDescriptor UnresolvedScope = new(
        "VYPR0007",
        "Scoped method cannot be resolved",
        "The scope of '{0}' cannot be resolved: {1}",
        SpecificationCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Specification.For<T>(name) must name exactly one ordinary method of T that has a body in this project; add typeof(...) parameter types to choose an overload.",
        helpLinkUri: HelpBase + "vypr0007");

    public static readonly DiagnosticDescriptor EventNeverHappens = new(
        "VYPR0008",
        "Quantified event never happens in the scope",
        "{0} in the body of '{1}', so '{2}' never binds and '{3}' is never checked",
        SpecificationCategory,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A quantifier ranges over calls written directly in the scoped method's body (not in lambdas or local functions) and over changes of variables assigned a call's result there.",
        helpLinkUri: HelpBase + "vypr0008");

    public static readonly DiagnosticDescriptor WrongAfterBinding = new(
        "VYPR0009",
        "After names a binding that is not declared before",
        "'{0}' cannot come after '{1}': {2}; After can only name a binding declared before it",
        SpecificationCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "vypr0009");

    public static readonly DiagnosticDescriptor DuplicateBindingName = new(
        "VYPR0010",
        "Binding name used twice",
        "The binding name '{0}' is used twice in '{1}'; give each Forall its own name",
        SpecificationCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "vypr0010");

    public static readonly DiagnosticDescriptor IncompatibleTerms = new(
        "VYPR0011",
        "Terms of incompatible types",
        "'{0}' in '{1}' mixes incompatible values: {2}",
        SpecificationCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Numbers compare with every operator, texts only with == and != against texts; durations compare with durations. A value's kind comes from the static type of the variable, argument or result it measures.",
        helpLinkUri: HelpBase + "vypr0011");

    public static readonly DiagnosticDescriptor MissingMeasurement = new(
        "VYPR0012",
        "Measured argument or result does not exist",
        "'{0}' in '{1}' cannot be measured: {2}",
        SpecificationCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "vypr0012");

    public static readonly DiagnosticDescriptor NeverHolds = new(
        "VYPR0013",
        "Condition can never hold",
        "'{0}' in '{1}' can never hold: {2}",
        SpecificationCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "An empty interval, or a conjunction whose comparisons of one term exclude each other, makes the specification fail on every binding.",
        helpLinkUri: HelpBase + "vypr0013");

    public static readonly DiagnosticDescriptor UnknownVariable = new(
        "VYPR0014",
        "Changed variable does not exist in the scope",
        "'{0}' is not a parameter, local or field of '{1}'{2}",
        SpecificationCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "vypr0014");

    public static readonly DiagnosticDescriptor UnobservedChange = new(
        "VYPR0015",
        "Change of a quantified variable cannot be observed",
        "This write of '{0}' in '{1}' is not observed by '{2}' ({3}); assign it from a call (its result is captured), quantify over the calls that produce it (Calls.To(...).Result()), or make it a parameter (captured at entry)",
        SpecificationCategory,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "vypr0015");

    public static readonly DiagnosticDescriptor ScopeNeverCalled = new(
        "VYPR0016",
        "Scoped method has no call site in this compilation",
        "'{0}' is not called directly anywhere in this compilation, so '{1}' is checked only where a compilation that calls it is woven (for example its test project); calls through a base method or an interface do not begin an invocation",
        MonitoringCategory,
        DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "vypr0016",
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor CallNotObservable = new(
        "VYPR0017",
        "Quantified call cannot be intercepted",
        "Calls of '{0}' are not observed for '{1}': {2}",
        MonitoringCategory,
        DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: "Probes are woven into calls as interceptors, which replace ordinary method calls written in the scope; method groups, property and indexer accessors, operators and constructors cannot be replaced.",
        helpLinkUri: HelpBase + "vypr0017");

    public static readonly DiagnosticDescriptor ScopeCallNotWoven = new(
        "VYPR0019",
        "Call of a scoped method cannot be intercepted",
        "This call of '{0}' begins no invocation of '{1}': {2}",
        MonitoringCategory,
        DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: "A fluent specification is checked per invocation of its scoped method, which begins where an interceptor replaces the call; a call the generator cannot intercept is not checked.",
        helpLinkUri: HelpBase + "vypr0019",
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor LanguageVersionTooOld = new(
        "VYPR0020",
        "The C# version is too old for Vypr's interceptors",
        "Nothing in this compilation is monitored: Vypr's generated interceptors need C# {0} or later and this project compiles C# {1}; set <LangVersion>{0}</LangVersion> (or later) in the project",
        MonitoringCategory,
        DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: "A netstandard2.0 project compiles C# 7.3 unless it sets LangVersion. The SDK's compiler accepts a newer language version for any target framework; the generated code uses file-local types and primary constructors, and needs nothing else the target framework lacks.",
        helpLinkUri: HelpBase + "vypr0020");
}
