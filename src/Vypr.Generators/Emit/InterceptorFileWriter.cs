using System.Linq;
using Vypr.Generators.Model;

namespace Vypr.Generators;

/// <summary>
/// Writes the generated file of one source file's plain monitored calls: each call's site registration and its
/// one-line interceptor, which forwards to the shared body of its shape with its site IDs.
/// </summary>
internal static class InterceptorFileWriter
{
    public static string Write(GeneratedPart part)
    {
        string shared = PartSplitter.SharedClassOf(part.AssemblyName);
        var writer = new SourceWriter();
        Emitter.WriteHeader(writer);
        if (part.DeclaresModuleInitializer)
        {
            Emitter.WriteModuleInitializerAttribute(writer);
            writer.Line();
        }

        AttributeDeclarationWriter.Write(writer, part.Calls.Select(c => c.Call));
        writer.Open("namespace " + KnownNames.GeneratedNamespace);
        writer.Open("file static class VyprInterceptors");
        foreach (ForwardedCall forwarded in part.Calls)
        {
            InterceptedCall call = forwarded.Call;
            foreach (MonitoredTarget target in call.Targets)
            {
                writer.Line($"private static readonly int {target.SiteField} = Site({shared}.{target.SpecificationField}, {call.Line}, {call.Column}, {Emitter.Literal(call.Caller)});");
            }
        }

        writer.Line();
        writer.Line("// Registered when the assembly loads, like the specifications.");
        writer.Line("[global::System.Runtime.CompilerServices.ModuleInitializer]");
        writer.Line("internal static void Register() => global::System.Runtime.CompilerServices.RuntimeHelpers.RunClassConstructor(typeof(VyprInterceptors).TypeHandle);");
        writer.Line();
        writer.Line("private static int Site(int specification, int line, int column, string caller) =>");
        writer.Line($"    global::Vypr.Runtime.MonitorRegistry.RegisterCallSite(specification, {Emitter.Literal(part.File)}, line, column, caller, {Emitter.Literal(part.AssemblyName)});");
        foreach (ForwardedCall forwarded in part.Calls)
        {
            writer.Line();
            WriteForwarder(writer, forwarded, shared);
        }

        writer.Close();
        writer.Close();
        return writer.ToString();
    }

    private static void WriteForwarder(SourceWriter writer, ForwardedCall forwarded, string shared)
    {
        InterceptedCall call = forwarded.Call;
        writer.Line($"[global::System.Runtime.CompilerServices.InterceptsLocation({call.LocationVersion}, {Emitter.Literal(call.LocationData)})]");
        foreach (AttributeModel attribute in call.ReturnAttributes)
        {
            writer.Line($"[return: {InterceptorWriter.Attribute(attribute)}]");
        }

        string receiver = call.Receiver is null ? string.Empty : "this " + InterceptorWriter.Declaration(call.Receiver);
        string parameters = string.Join(", ", call.Parameters.Select(InterceptorWriter.Declaration));
        string separator = receiver.Length > 0 && parameters.Length > 0 ? ", " : string.Empty;
        string arguments = string.Join(", ", (call.Receiver is null ? Enumerable.Empty<ParameterModel>() : new[] { call.Receiver })
            .Concat(call.Parameters)
            .Select(InterceptorWriter.Argument)
            .Concat(call.Targets.Select(t => t.SiteField)));
        bool byReference = call.ReturnRefKind != ParameterRefKind.None;

        // As in the shared body, a return with nullability attributes may hold null where its type says it cannot.
        string suppression = !byReference && call.ReturnType != "void" && call.ReturnAttributes.Length > 0 ? "!" : string.Empty;
        // Inlined at the call site, and the shared body's switch inlined into it: with monitoring off the call site
        // folds to the original call.
        writer.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]");
        writer.Line($"internal static {InterceptorWriter.RefKeyword(call.ReturnRefKind)}{call.ReturnType} {call.MethodName}_{call.Line}_{call.Column}({receiver}{separator}{parameters}) =>");
        writer.Line($"    {(byReference ? "ref " : string.Empty)}{shared}.{forwarded.Shared}({arguments}){suppression};");
    }
}
