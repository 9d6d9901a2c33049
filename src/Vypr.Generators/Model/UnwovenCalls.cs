namespace Vypr.Generators.Model;

/// <summary>
/// How many call sites of one monitored method this compilation could not weave, registered with the runtime so
/// that its end-of-run table says "not woven" rather than "not reached by any call".
/// </summary>
/// <param name="SpecificationField">The field of the shared class that holds the specification's ID.</param>
/// <param name="CallSites">The call sites the weaving report lists as not woven for the method.</param>
internal sealed record UnwovenCalls(string SpecificationField, int CallSites);
