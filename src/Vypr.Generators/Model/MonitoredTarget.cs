namespace Vypr.Generators.Model;

/// <summary>A monitored method that an intercepted call may reach.</summary>
/// <param name="MethodKey">The monitored method's documentation comment ID.</param>
/// <param name="SiteField">The generated expression of the call site's runtime ID: a field, or in a source file's part the file's first site ID plus the site's place (<c>Sites + 2</c>).</param>
/// <param name="SpecificationField">The generated field that holds the specification's runtime ID.</param>
/// <param name="RuntimeType">When the call dispatches virtually, the monitored method's declaring type: the probe fires only when the receiver is exactly of this type. Null when the call always reaches the monitored method.</param>
internal sealed record MonitoredTarget(string MethodKey, string SiteField, string SpecificationField, string? RuntimeType);
