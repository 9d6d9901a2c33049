namespace Vypr.Generators.Model;

/// <summary>
/// One generated file. The main file holds the registrations, the shared bodies and the interceptors of calls
/// that record fluent-specification events; every source file with plain monitored calls gets a file of its own
/// interceptors, so an edit of one source file regenerates one small file and the others stay cached.
/// </summary>
/// <param name="HintName">The generated file's name.</param>
/// <param name="AssemblyName">The compilation's assembly.</param>
/// <param name="Main">For the main file: the plan it is written from (its calls are those with roles); null otherwise.</param>
/// <param name="File">For a source file's part: the source file (after path mapping).</param>
/// <param name="Calls">For a source file's part: its calls, in source order.</param>
/// <param name="DeclaresModuleInitializer">Whether the file declares <c>ModuleInitializerAttribute</c> itself (see <see cref="InterceptionPlan"/>).</param>
internal sealed record GeneratedPart(
    string HintName,
    string AssemblyName,
    InterceptionPlan? Main,
    string File,
    EquatableArray<ForwardedCall> Calls,
    bool DeclaresModuleInitializer = false);
