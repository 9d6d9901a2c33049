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
        "'{0}' is {1}: its calls cannot be intercepted, so [MaxDuration] on it is never checked; move the work into an ordinary method and put the specification there",
        SpecificationCategory,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "vypr0005");

    public static readonly DiagnosticDescriptor CallNotMonitored = new(
        "VYPR0003",
        "Call of a monitored method is not monitored",
        "This call of '{0}' is not monitored: {1}",
        MonitoringCategory,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "vypr0003");

    public static readonly DiagnosticDescriptor DelegateNotMonitored = new(
        "VYPR0004",
        "Monitored method converted to a delegate",
        "'{0}' is used as a delegate here; calls through the delegate are not monitored. Call it inside a lambda instead: x => {1}(x).",
        MonitoringCategory,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "vypr0004");
}
