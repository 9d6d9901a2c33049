namespace Vypr.Generators.Model;

/// <summary>
/// How many call sites a specification in the language records (calls of its scoped method, or calls its quantifiers
/// name) this compilation could not weave, registered with the runtime by the specification's key, so that its
/// end-of-run table says "not woven" rather than "not reached by any call".
/// </summary>
/// <param name="SpecificationKey">The specification member's documentation comment ID.</param>
/// <param name="CallSites">The call sites the weaving report lists as not woven for the specification.</param>
internal sealed record UnwovenQuantifiedCalls(string SpecificationKey, int CallSites);
