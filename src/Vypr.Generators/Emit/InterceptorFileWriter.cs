using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Vypr.Generators.Model;

namespace Vypr.Generators;

/// <summary>
/// Writes the generated file of one source file's plain monitored calls: the registration of all its call sites in
/// one call, and each call's one-line interceptor, which forwards to the shared body of its shape with its site IDs.
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
        WriteSites(writer, part, shared);
        writer.Line();
        writer.Line("// Registered when the assembly loads, like the specifications.");
        writer.Line("[global::System.Runtime.CompilerServices.ModuleInitializer]");
        writer.Line("internal static void Register() => global::System.Runtime.CompilerServices.RuntimeHelpers.RunClassConstructor(typeof(VyprInterceptors).TypeHandle);");
        foreach (ForwardedCall forwarded in part.Calls)
        {
            writer.Line();
            WriteForwarder(writer, forwarded, shared);
        }

        writer.Close();
        writer.Close();
        return writer.ToString();
    }

    // One field and one registration call for all the file's sites, whose numbers are constants the compiler stores as
    // one block of data: a field per site cost the compiler a declaration and an initializer to bind per call site, and
    // the runtime a class constructor of IL in proportion. The interceptors pass Sites + k (PartSplitter), which the
    // JIT folds to a constant once the class is initialised, as it did the field per site.
    private static void WriteSites(SourceWriter writer, GeneratedPart part, string shared)
    {
        var specifications = new List<string>();
        var callers = new List<string>();
        var rows = new List<string>();
        foreach (ForwardedCall forwarded in part.Calls)
        {
            InterceptedCall call = forwarded.Call;
            int caller = IndexOf(callers, call.Caller);
            foreach (MonitoredTarget target in call.Targets)
            {
                int specification = IndexOf(specifications, target.SpecificationField);
                rows.Add(string.Join(", ", new[] { specification, call.Line, call.Column, caller }.Select(n => n.ToString(CultureInfo.InvariantCulture))) + ",");
            }
        }

        writer.Line("// The file's call sites, registered in one call: the k-th has the ID Sites + k. Per site: specification, line, column, caller.");
        writer.Line($"private static readonly int Sites = global::Vypr.Runtime.MonitorRegistry.RegisterCallSites({Emitter.Literal(part.File)}, {Emitter.Literal(part.AssemblyName)},");
        writer.Line($"    new int[] {{ {string.Join(", ", specifications.Select(s => shared + "." + s))} }},");
        writer.Line($"    new string[] {{ {string.Join(", ", callers.Select(Emitter.Literal))} }},");
        writer.Line("    new int[]");
        writer.Line("    {");
        foreach (string row in rows)
        {
            writer.Line("        " + row);
        }

        writer.Line("    });");
    }

    private static int IndexOf(List<string> list, string item)
    {
        int index = list.IndexOf(item);
        if (index < 0)
        {
            index = list.Count;
            list.Add(item);
        }

        return index;
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
