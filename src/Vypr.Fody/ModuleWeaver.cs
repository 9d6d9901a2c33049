using System.Collections.Generic;
using System.Linq;
using Fody;
using Mono.Cecil;
using Mono.Cecil.Cil;
using Vypr.Fody.Emit;
using Vypr.Fody.Reading;
using Vypr.Fody.Reporting;
using Vypr.Fody.Scopes;

/// <summary>
/// Vypr's IL backend, run by Fody after compilation when a project sets <c>VyprWeaving</c> to <c>IL</c> or
/// <c>Both</c>: times every method that carries <c>[MaxDuration]</c> (or MethodTimer's <c>[Time]</c>) inside its own
/// body, so every call counts, whoever makes it and however (generic code, interfaces, delegates, reflection, other
/// assemblies). The woven code calls the same probe runtime as the source generator's interceptors.
/// </summary>
/// <remarks>Fody finds a weaver by this class name in the global namespace of an assembly named <c>*.Fody</c>.</remarks>
public sealed class ModuleWeaver : BaseModuleWeaver
{
    private SourcePaths _paths = SourcePaths.None;

    /// <inheritdoc />
    public override void Execute()
    {
        _paths = SourcePaths.Load(AssemblyFilePath);
        var reader = new SpecificationReader(Report);
        IReadOnlyList<WovenSpecification> specifications = reader.Read(ModuleDefinition);
        IReadOnlyList<ScopeSpecification> scopes = ScopeReader.ReadAndRemove(ModuleDefinition);
        var section = new WeavingReportSection();
        if (specifications.Count == 0 && scopes.Count == 0)
        {
            section.WriteBeside(AssemblyFilePath);
            return;
        }

        RuntimeReferences? runtime = RuntimeReferences.Find(ModuleDefinition, ResolveAssembly);
        if (runtime is null)
        {
            WriteError($"{ModuleDefinition.Assembly.Name.Name} has monitored methods but does not reference Vypr.Runtime: add the Vypr package (it brings the runtime that woven probes call)");
            return;
        }

        var registrations = new RegistrationEmitter(ModuleDefinition, runtime, _paths);
        var weaver = new ProbeWeaver(ModuleDefinition, runtime);
        MethodTimeLogger? logger = specifications.Any(s => s.IsMeasurement) ? MethodTimeLogger.Find(ModuleDefinition, FindTypeDefinition, ResolveAssembly) : null;
        foreach (WovenSpecification specification in specifications)
        {
            weaver.Weave(specification.Method, registrations.Add(specification), specification.IsMeasurement ? logger : null, specification.TimeMessage);
            section.Timed(specification.Display, specification.Text, _paths.Unmap(specification.Declaration));
        }

        // Fluent specifications' scoped methods, after [MaxDuration]: a scoped method that is also timed has its
        // invocation around its own timing, as an interceptor's scope role is around the call it times.
        int wovenScopes = 0;
        if (scopes.Count > 0)
        {
            ScopeReferences? scopeReferences = ScopeReferences.Find(ModuleDefinition, ResolveAssembly, FindTypeDefinition);
            if (scopeReferences is null)
            {
                WriteError($"{ModuleDefinition.Assembly.Name.Name} has fluent specifications to weave but its Vypr.Runtime has no PendingEvent: use the Vypr.Runtime that comes with this weaver");
                return;
            }

            wovenScopes = new ScopeWeaver(ModuleDefinition, scopeReferences, runtime.IsEnabled, registrations, Report)
                .Weave(scopes, (method, keys, declared) => section.Scope(method, keys, _paths.Unmap(declared)));
        }

        // The public overload by its parameter type: resolved to the runtime's own assembly (System.Private.CoreLib) rather
        // than a reference assembly, RuntimeHelpers also has a private RunClassConstructor taking one parameter.
        TypeDefinition helpers = FindTypeDefinition("System.Runtime.CompilerServices.RuntimeHelpers");
        registrations.Complete(ModuleDefinition.ImportReference(helpers.Methods.Single(m =>
            m.Name == "RunClassConstructor" && m.IsPublic && m.Parameters.Count == 1 && m.Parameters[0].ParameterType.FullName == "System.RuntimeTypeHandle")));
        section.WriteBeside(AssemblyFilePath);
        WriteInfo($"Vypr: timed {specifications.Count} method(s) and wove {wovenScopes} scoped method(s) of fluent specifications in their own bodies");
    }

    /// <inheritdoc />
    public override IEnumerable<string> GetAssembliesForScanning()
    {
        yield return "netstandard";
        yield return "mscorlib";
        yield return "System.Runtime";
    }

    /// <inheritdoc />
    public override bool ShouldCleanReference => false;

    private void Report(string message, SequencePoint? where, bool isError)
    {
        if (isError)
        {
            WriteError(message, _paths.Unmap(where));
        }
        else
        {
            WriteWarning(message, _paths.Unmap(where));
        }
    }
}
