namespace Vypr.Generators.Model;

/// <summary>Everything the generator emits for one compilation.</summary>
/// <param name="AssemblyName">The compilation's assembly, recorded with each call site.</param>
/// <param name="Specifications">The monitored methods whose specifications this assembly registers.</param>
/// <param name="Calls">The call sites to intercept.</param>
/// <param name="Formulas">The fluent specifications this compilation declares (registered, and published for other compilations).</param>
/// <param name="Contracts">What call sites of their scoped methods record, one per declared specification.</param>
/// <param name="ScopeKeys">The scoped methods the interceptors refer to; field <c>Scope{i+1}</c> holds the ID of entry i.</param>
/// <param name="Report">Every call that reaches a monitored or scoped method, woven or not, for the weaving report.</param>
/// <param name="Shared">The shared bodies of plain calls (set when the plan is split into files).</param>
/// <param name="WovenScopes">The specifications whose scoped methods the IL backend weaves, described for the weaver.</param>
/// <param name="Unwoven">The monitored methods with call sites that were not woven, and how many.</param>
/// <param name="UnwovenQuantified">Call sites that specifications in the language record and that this compilation could not weave, by specification.</param>
/// <param name="UsesVisibleInterceptsLocation">
/// Whether the compilation already sees an <c>InterceptsLocationAttribute</c> it may use (its own, or one of a library
/// whose internals it sees, such as a woven library's): the generated files then use it and declare none.
/// </param>
/// <param name="DeclaresInterceptsLocation">
/// For the main part: whether it declares <c>InterceptsLocationAttribute</c> (internal, once for every generated file
/// of the compilation), set when the plan is split.
/// </param>
/// <param name="DeclaresModuleInitializer">
/// Whether the generated files declare <c>ModuleInitializerAttribute</c> themselves (file-local), because the target
/// framework lacks it (netstandard2.0): the compiler recognises the attribute by name.
/// </param>
internal sealed record InterceptionPlan(
    string AssemblyName,
    EquatableArray<MonitoredMethod> Specifications,
    EquatableArray<InterceptedCall> Calls,
    EquatableArray<FluentSpecification> Formulas,
    EquatableArray<ScopeCallContract> Contracts,
    EquatableArray<string> ScopeKeys,
    EquatableArray<WovenSite> Report,
    EquatableArray<SharedShape> Shared,
    EquatableArray<WovenScope> WovenScopes,
    bool DeclaresModuleInitializer,
    EquatableArray<UnwovenCalls> Unwoven,
    EquatableArray<UnwovenQuantifiedCalls> UnwovenQuantified,
    bool UsesVisibleInterceptsLocation = false,
    bool DeclaresInterceptsLocation = false);
