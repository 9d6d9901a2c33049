using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Threading;
using Vypr.Contracts;

namespace Vypr.Runtime;

/// <summary>
/// The specifications and call sites that generated code registers when its assembly loads. A specification
/// declared in a library and called from a test project is registered by both compilations under one key and
/// kept once.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class MonitorRegistry
{
    private static readonly Lock s_lock = new();
    private static readonly Dictionary<string, int> s_specificationIds = new(StringComparer.Ordinal);
    private static readonly Dictionary<(int, string, int, int), int> s_callSiteIds = new();

    // Copy-on-write: the monitor reads these without locking while assemblies keep registering.
    private static SpecificationInfo[] s_specifications = [];
    private static CallSiteInfo[] s_callSites = [];

    /// <summary>Registers a duration specification and returns its ID (the same ID for the same key).</summary>
    /// <param name="methodKey">The monitored method's documentation comment ID.</param>
    /// <param name="method">The method, readable.</param>
    /// <param name="text">The specification as written.</param>
    /// <param name="boundNanoseconds">The bound, already parsed by the generator.</param>
    /// <returns>The specification's ID.</returns>
    public static int RegisterSpecification(string methodKey, string method, string text, long boundNanoseconds)
    {
        string key = methodKey + " " + text;
        lock (s_lock)
        {
            if (s_specificationIds.TryGetValue(key, out int existing))
            {
                return existing;
            }

            int id = s_specifications.Length + 1;
            s_specifications = [.. s_specifications, new SpecificationInfo(id, key, method, text, boundNanoseconds)];
            s_specificationIds.Add(key, id);
            return id;
        }
    }

    /// <summary>Registers a call site of a monitored method and returns its ID (the same ID for the same place and specification).</summary>
    /// <param name="specificationId">What <see cref="RegisterSpecification"/> returned.</param>
    /// <param name="file">The source file.</param>
    /// <param name="line">The 1-based line.</param>
    /// <param name="column">The 1-based column.</param>
    /// <param name="caller">The member containing the call.</param>
    /// <param name="assembly">The assembly whose compilation wove the probe.</param>
    /// <returns>The call site's ID, to pass to <see cref="Probe.Stop"/>.</returns>
    public static int RegisterCallSite(int specificationId, string file, int line, int column, string caller, string assembly)
    {
        var key = (specificationId, file, line, column);
        lock (s_lock)
        {
            if (s_callSiteIds.TryGetValue(key, out int existing))
            {
                return existing;
            }

            int id = s_callSites.Length + 1;
            s_callSites = [.. s_callSites, new CallSiteInfo(id, specificationId, file, line, column, caller, assembly)];
            s_callSiteIds.Add(key, id);
            return id;
        }
    }

    /// <summary>Every registered specification, by ascending ID.</summary>
    public static IReadOnlyList<SpecificationInfo> Specifications => Volatile.Read(ref s_specifications);

    /// <summary>Every registered call site, by ascending ID.</summary>
    public static IReadOnlyList<CallSiteInfo> CallSites => Volatile.Read(ref s_callSites);

    /// <summary>The registered call site with the given ID (what <see cref="VerdictInfo.CallSiteId"/> refers to).</summary>
    /// <param name="id">A call site ID of this process's run.</param>
    /// <returns>The call site.</returns>
    public static CallSiteInfo CallSite(int id) => Volatile.Read(ref s_callSites)[id - 1];

    /// <summary>The registered specification with the given ID (what <see cref="VerdictInfo.SpecificationId"/> refers to).</summary>
    /// <param name="id">A specification ID of this process's run.</param>
    /// <returns>The specification.</returns>
    public static SpecificationInfo Specification(int id) => Volatile.Read(ref s_specifications)[id - 1];
}
