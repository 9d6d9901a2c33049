using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using Vypr.Generators.Model;

namespace Vypr.Generators;

/// <summary>
/// Splits a plan into generated files: the main file, and one file per source file with plain monitored calls
/// (calls that only time a <c>[MaxDuration]</c> method). Each part is a model compared by value, so after an edit
/// only the parts whose content changed are written again; every name in a part is numbered within the part, so
/// an edit in one source file never renumbers another file's part.
/// </summary>
internal static class PartSplitter
{
    public static ImmutableArray<GeneratedPart> Split(InterceptionPlan plan)
    {
        var mainCalls = new List<InterceptedCall>();
        int mainSites = 0;
        var byFile = new SortedDictionary<string, List<InterceptedCall>>(StringComparer.Ordinal);
        foreach (InterceptedCall call in plan.Calls)
        {
            // An interceptor declared in the user's type names types the shared bodies cannot: it stays whole.
            if (call.Roles.Length > 0 || call.Targets.Length == 0 || call.Host is not null)
            {
                mainCalls.Add(Renumber(call, "Site", mainSites));
                mainSites += call.Targets.Length;
            }
            else
            {
                if (!byFile.TryGetValue(call.File, out List<InterceptedCall>? calls))
                {
                    byFile.Add(call.File, calls = []);
                }

                calls.Add(call);
            }
        }

        var shapes = new Dictionary<InterceptedCall, string>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var parts = new List<GeneratedPart>();
        foreach (KeyValuePair<string, List<InterceptedCall>> file in byFile)
        {
            var forwarded = new List<ForwardedCall>();
            int sites = 0;
            foreach (InterceptedCall call in file.Value)
            {
                InterceptedCall shape = ShapeOf(call);
                if (!shapes.TryGetValue(shape, out string? name))
                {
                    name = NameOf(shape, names);
                    shapes.Add(shape, name);
                }

                forwarded.Add(new ForwardedCall(Offset(call, sites), name));
                sites += call.Targets.Length;
            }

            parts.Add(new GeneratedPart(HintNameOf(file.Key), plan.AssemblyName, null, file.Key, forwarded.ToEquatableArray(), plan.DeclaresModuleInitializer));
        }

        InterceptionPlan main = plan with
        {
            Calls = mainCalls.ToEquatableArray(),

            // The weaving report is written from the whole plan; kept here it would change the main part with every site.
            Report = EquatableArray<WovenSite>.Empty,

            // The main part declares the attribute once for every part: file-local copies in each of hundreds of
            // files made the compiler's lookup of each [InterceptsLocation] cost as much as the rest of the code.
            DeclaresInterceptsLocation = !plan.UsesVisibleInterceptsLocation && (mainCalls.Count > 0 || byFile.Count > 0),
            Shared = shapes.Select(s => new SharedShape(s.Value, s.Key)).OrderBy(s => s.Name, StringComparer.Ordinal).ToEquatableArray(),
        };
        parts.Insert(0, new GeneratedPart(Emitter.HintName, plan.AssemblyName, main, string.Empty, EquatableArray<ForwardedCall>.Empty));
        return parts.ToImmutableArray();
    }

    /// <summary>The class that holds the specifications and the shared bodies: internal, so named after the assembly (a test project that sees a library's internals has its own).</summary>
    public static string SharedClassOf(string assemblyName) => "VyprShared_" + Identifier(assemblyName);

    // A source file's sites are registered together (InterceptorFileWriter): a site's ID is the file's first plus its place.
    private static InterceptedCall Offset(InterceptedCall call, int before) =>
        WithSiteFields(call, before, place => place == 0 ? "Sites" : "Sites + " + place.ToString(System.Globalization.CultureInfo.InvariantCulture));

    // The main file's sites are fields of their own, numbered from 1.
    private static InterceptedCall Renumber(InterceptedCall call, string prefix, int before) =>
        WithSiteFields(call, before, place => prefix + (place + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));

    // Each target of the call names its site by its place among the file's sites (those before it, then its own index).
    private static InterceptedCall WithSiteFields(InterceptedCall call, int before, System.Func<int, string> siteField)
    {
        var targets = new MonitoredTarget[call.Targets.Length];
        for (int i = 0; i < targets.Length; i++)
        {
            targets[i] = call.Targets[i] with { SiteField = siteField(before + i) };
        }

        return call with { Targets = targets.ToEquatableArray() };
    }

    // The call without its place: calls of one target from anywhere share it. A single target that needs no
    // receiver test takes its site as vyprSite, the variable the body reads.
    private static InterceptedCall ShapeOf(InterceptedCall call)
    {
        bool single = call.Targets.Length == 1 && call.Targets[0].RuntimeType is null;
        var targets = new MonitoredTarget[call.Targets.Length];
        for (int i = 0; i < targets.Length; i++)
        {
            targets[i] = new MonitoredTarget(call.Targets[i].MethodKey, single ? "vyprSite" : "vyprSite" + (i + 1), string.Empty, call.Targets[i].RuntimeType);
        }

        return call with
        {
            LocationVersion = 0,
            LocationData = string.Empty,
            File = string.Empty,
            Line = 0,
            Column = 0,
            Caller = string.Empty,
            Targets = targets.ToEquatableArray(),
        };
    }

    // Named by a hash of its body, so that adding or removing other shapes never renames it.
    private static string NameOf(InterceptedCall shape, HashSet<string> taken)
    {
        var writer = new SourceWriter();
        InterceptorWriter.WriteShared(writer, shape, "_");
        string name = shape.MethodName + "_" + Fnv(writer.ToString()).ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
        string unique = name;
        for (int n = 2; !taken.Add(unique); n++)
        {
            unique = name + "_" + n;
        }

        return unique;
    }

    private static string HintNameOf(string file) =>
        "Vypr." + Identifier(Path.GetFileNameWithoutExtension(file)) + "." + Fnv(file).ToString("x8", System.Globalization.CultureInfo.InvariantCulture) + ".g.cs";

    private static string Identifier(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            builder.Append(c < 128 && char.IsLetterOrDigit(c) ? c : '_');
        }

        return builder.ToString();
    }

    // FNV-1a over UTF-16 code units: stable across processes and platforms, unlike string.GetHashCode.
    private static uint Fnv(string text)
    {
        uint hash = 2166136261;
        foreach (char c in text)
        {
            hash = (hash ^ c) * 16777619;
        }

        return hash;
    }
}
