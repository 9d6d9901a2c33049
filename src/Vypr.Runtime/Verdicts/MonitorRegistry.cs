using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Globalization;
using System.Threading;
using Vypr.Contracts;
using Vypr.Runtime.Monitoring;

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
    // Keyed by text, not by a tuple: a dictionary over a tuple key is a generic instantiation that no precompiled
    // image holds, so every monitored process, monitoring on or off, compiled it at tier 0 (docs/benchmarks.md).
    private static readonly Dictionary<string, int> s_callSiteIds = new(StringComparer.Ordinal);

    // Copy-on-write: the monitor reads these without locking while assemblies keep registering.
    private static SpecificationInfo[] s_specifications = [];
    private static CallSiteInfo[] s_callSites = [];
    private static Vypr.Specification?[] s_formulas = [];
    private static PointInfo[] s_points = [];

    // Per point ID: true for a scoped method's own point (PointKind.ScopeCall) whose specification reads nothing of
    // the scoped call's own time (see UsesScopeTime); Probe.TimesScope reads it on the hot path. Copy-on-write, and
    // false (timed) until the specification's model is known, so a point never goes untimed on a guess.
    private static bool[] s_untimedScopePoints = [];
    private static readonly Dictionary<string, int> s_scopeIds = new(StringComparer.Ordinal);
    private static readonly Dictionary<int, Dictionary<string, int>> s_unwoven = new();

    // [MaxDuration] specifications by ID: their formula model is built only when asked for (Formula), not at the
    // module initialiser of every monitored assembly, where it cost every test process (monitoring on or off) the
    // loading and compiling of the specification language.
    private static readonly Dictionary<int, MaxDurationBound> s_maxDurations = new();

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
            s_specifications = [.. s_specifications, SpecificationRecord(id, key, method, text, boundNanoseconds)];
            s_formulas = [.. s_formulas, null];
            s_maxDurations.Add(id, new MaxDurationBound(methodKey, boundNanoseconds));
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
        string key = CallSiteKey(specificationId, file, line, column);
        lock (s_lock)
        {
            if (s_callSiteIds.TryGetValue(key, out int existing))
            {
                return existing;
            }

            int id = s_callSites.Length + 1;
            RequireRecordable(id, "call sites");
            s_callSites = [.. s_callSites, CallSiteRecord(id, specificationId, file, line, column, caller, assembly)];
            s_callSiteIds.Add(key, id);
            return id;
        }
    }

    /// <summary>
    /// Registers the call sites of one source file at once and returns the ID of the first; the others follow it
    /// (site <c>k</c> of <paramref name="sites"/> has the returned ID + <c>k</c>). Generated code registers each
    /// file's sites in one call and its interceptors pass <c>first + k</c>, so the compiler binds one field per file
    /// instead of one per call site. A file whose sites were all registered before, in the same order, gets the same IDs.
    /// </summary>
    /// <param name="file">The source file.</param>
    /// <param name="assembly">The assembly whose compilation wove the probes.</param>
    /// <param name="specificationIds">The specifications the file's sites reach: what <see cref="RegisterSpecification"/> returned.</param>
    /// <param name="callers">The members containing the file's calls.</param>
    /// <param name="sites">Four numbers per site: the index of its specification in <paramref name="specificationIds"/>,
    /// its 1-based line and column, and the index of its caller in <paramref name="callers"/>.</param>
    /// <returns>The ID of the first call site, to which the k-th site's offset k is added.</returns>
    /// <exception cref="ArgumentException"><paramref name="sites"/> is empty, not four numbers per site, or names an index out of range.</exception>
    public static int RegisterCallSites(string file, string assembly, int[] specificationIds, string[] callers, int[] sites)
    {
        if (sites.Length == 0 || sites.Length % 4 != 0)
        {
            throw new ArgumentException($"call sites of {file}: {sites.Length} numbers, expected four per site and at least one site", nameof(sites));
        }

        int count = sites.Length / 4;
        var keys = new string[count];
        for (int k = 0; k < count; k++)
        {
            int specification = sites[4 * k];
            int caller = sites[(4 * k) + 3];
            if ((uint)specification >= (uint)specificationIds.Length || (uint)caller >= (uint)callers.Length)
            {
                throw new ArgumentException($"call site {k} of {file}: specification index {specification} of {specificationIds.Length}, caller index {caller} of {callers.Length}", nameof(sites));
            }

            keys[k] = CallSiteKey(specificationIds[specification], file, sites[(4 * k) + 1], sites[(4 * k) + 2]);
        }

        lock (s_lock)
        {
            if (s_callSiteIds.TryGetValue(keys[0], out int existing) && RegisteredInOrderLocked(keys, existing))
            {
                return existing;
            }

            // Consecutive IDs, even where some of these places were registered before in another grouping (an
            // older assembly registering site by site): those places then have two IDs, each recording its calls.
            int first = s_callSites.Length + 1;
            RequireRecordable(first + count - 1, "call sites");
            var records = new CallSiteInfo[s_callSites.Length + count];
            Array.Copy(s_callSites, records, s_callSites.Length);
            for (int k = 0; k < count; k++)
            {
                records[s_callSites.Length + k] = CallSiteRecord(first + k, specificationIds[sites[4 * k]], file, sites[(4 * k) + 1], sites[(4 * k) + 2], callers[sites[(4 * k) + 3]], assembly);
                if (!s_callSiteIds.ContainsKey(keys[k]))
                {
                    s_callSiteIds.Add(keys[k], first + k);
                }
            }

            s_callSites = records;
            return first;
        }
    }

    // The file last, after the numbers and their separators: the key is unambiguous whatever the file holds. Two
    // concatenations of at most four: seven at once would be a span over an inline array, whose generic helpers are
    // compiled at run time too (as a tuple key's comparer would be).
    private static string CallSiteKey(int specificationId, string file, int line, int column) =>
        string.Concat(
            string.Concat(specificationId.ToString(CultureInfo.InvariantCulture), "\0", line.ToString(CultureInfo.InvariantCulture), "\0"),
            string.Concat(column.ToString(CultureInfo.InvariantCulture), "\0", file));

    private static bool RegisteredInOrderLocked(string[] keys, int first)
    {
        for (int k = 1; k < keys.Length; k++)
        {
            if (!s_callSiteIds.TryGetValue(keys[k], out int id) || id != first + k)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Registers a scoped method (one that fluent specifications are scoped to) and returns its ID.</summary>
    /// <param name="scopeKey">The scoped method's documentation comment ID.</param>
    /// <returns>The ID that <see cref="ScopeInstance"/>s of the method carry.</returns>
    public static int RegisterScope(string scopeKey)
    {
        lock (s_lock)
        {
            if (!s_scopeIds.TryGetValue(scopeKey, out int id))
            {
                id = s_scopeIds.Count + 1;
                s_scopeIds.Add(scopeKey, id);
            }

            return id;
        }
    }

    /// <summary>
    /// Registers a fluent specification, evaluating its member once to obtain the formula model. A member that
    /// throws is reported on standard error and its events are ignored: a broken specification must not break the
    /// code under test.
    /// </summary>
    /// <param name="key">The member's documentation comment ID.</param>
    /// <param name="method">The scoped method, readable.</param>
    /// <param name="model">Reads the member.</param>
    /// <returns>The specification's ID.</returns>
    public static int RegisterFormula(string key, string method, Func<Vypr.Specification> model)
    {
        Vypr.Specification? specification = null;
        string text;
        try
        {
            specification = model();
            text = specification.ToString();
        }
        catch (Exception e)
        {
            text = "(failed to build: " + e.Message + ")";
            Console.Error.WriteLine($"vypr: the specification {key} could not be built and is not checked: {e.Message}");
        }

        lock (s_lock)
        {
            // Readers hold no lock: replace the arrays instead of writing into them.
            int id = SpecificationIdLocked(key);
            SpecificationInfo[] specifications = [.. s_specifications];
            Vypr.Specification?[] formulas = [.. s_formulas];
            specifications[id - 1] = SpecificationRecord(id, key, method, text, 0);
            formulas[id - 1] = specification;
            Volatile.Write(ref s_formulas, formulas);
            Volatile.Write(ref s_specifications, specifications);

            // Points of this specification registered before it (by another assembly) learn now whether they need the clock.
            bool[] untimed = (bool[])s_untimedScopePoints.Clone();
            foreach (PointInfo point in s_points)
            {
                if (point.SpecificationId == id)
                {
                    untimed[point.Id] = IsUntimedScopePoint(point, specification);
                }
            }

            Volatile.Write(ref s_untimedScopePoints, untimed);
            return id;
        }
    }

    /// <summary>Registers a point where generated code records events of the fluent specification <paramref name="specificationKey"/>.</summary>
    /// <param name="specificationKey">The specification member's documentation comment ID (it may be registered later, by its own assembly).</param>
    /// <param name="kind">What the point records.</param>
    /// <param name="method">For calls: the called method's simple name.</param>
    /// <param name="declaringType">For calls: the declaring type's full name.</param>
    /// <param name="variable">For changes: the variable.</param>
    /// <param name="captures">The capture names, comma-separated, in the order the probe writes them.</param>
    /// <param name="file">The source file.</param>
    /// <param name="line">The 1-based line.</param>
    /// <param name="column">The 1-based column.</param>
    /// <param name="caller">The member containing the call.</param>
    /// <param name="assembly">The assembly whose compilation wove the probe.</param>
    /// <returns>The point's ID, to pass to <see cref="Probe.Event"/>.</returns>
    public static int RegisterPoint(
        string specificationKey, PointKind kind, string? method, string? declaringType, string? variable, string captures,
        string file, int line, int column, string caller, string assembly)
    {
        int specificationId;
        lock (s_lock)
        {
            specificationId = SpecificationIdLocked(specificationKey);
        }

        int callSiteId = RegisterCallSite(specificationId, file, line, column, caller, assembly);
        string[] names = captures.Length == 0 ? [] : captures.Split(',');
        lock (s_lock)
        {
            int id = s_points.Length + 1;
            RequireRecordable(id, "points");
            var point = new PointInfo(id, specificationId, callSiteId, kind, method, declaringType, variable, names);
            bool[] untimed = new bool[id + 1];
            Array.Copy(s_untimedScopePoints, untimed, s_untimedScopePoints.Length);
            untimed[id] = IsUntimedScopePoint(point, s_formulas[specificationId - 1]);
            Volatile.Write(ref s_untimedScopePoints, untimed);
            Volatile.Write(ref s_points, [.. s_points, point]);
            return id;
        }
    }

    /// <summary>
    /// Whether the scoped method's own point <paramref name="pointId"/> is known not to need the scoped call's time:
    /// one array read, for the generated code at a scoped method's call site (<see cref="Probe.TimesScope"/>).
    /// </summary>
    internal static bool IsUntimedScopePoint(int pointId)
    {
        bool[] untimed = s_untimedScopePoints;
        return (uint)pointId < (uint)untimed.Length && untimed[pointId];
    }

    /// <summary>
    /// Whether a specification reads anything of its scoped invocation's own time. The scoped call's start and end
    /// reach a binding only through the events of the scoped method's own points: the scoped call itself
    /// (<c>Calls.OfScope()</c>) and its parameters at entry (<c>Changes.Of</c>, stamped with the call's start). A
    /// specification whose every slot binds calls made inside the body (<c>Calls.To</c>, <c>NextCall</c>) never reads
    /// them; its verdicts' <c>startedAt</c> is then its invocation's first recorded event (docs/spec-language.md).
    /// </summary>
    /// <param name="specification">The specification's model.</param>
    /// <returns>True when some slot can bind an event stamped with the scoped call's own time.</returns>
    internal static bool UsesScopeTime(Vypr.Specification specification)
    {
        foreach (BindingSlot slot in specification.Slots)
        {
            if (slot.Quantifier.Kind != QuantifierKind.Calls)
            {
                return true;
            }
        }

        return false;
    }

    // Untimed: a scoped method's own point, of a specification that is known and reads none of the scoped call's
    // time, that captures nothing (values written before an event that is then skipped would attach to the next one).
    private static bool IsUntimedScopePoint(PointInfo point, Vypr.Specification? specification) =>
        point.Kind == PointKind.ScopeCall && point.Captures.Count == 0 && specification is not null && !UsesScopeTime(specification);

    /// <summary>Every registered point, by ascending ID.</summary>
    internal static IReadOnlyList<PointInfo> Points => Volatile.Read(ref s_points);

    /// <summary>The registered point with the given ID; an array read, for the monitor's drain loop.</summary>
    internal static PointInfo Point(int id) => Volatile.Read(ref s_points)[id - 1];

    /// <summary>The formula model of a specification, or null when it is a <c>[MaxDuration]</c> bound or failed to build.</summary>
    internal static Vypr.Specification? Formula(int specificationId)
    {
        Vypr.Specification?[] formulas = Volatile.Read(ref s_formulas);
        if (specificationId > formulas.Length)
        {
            return null;
        }

        if (formulas[specificationId - 1] is { } formula)
        {
            return formula;
        }

        lock (s_lock)
        {
            formulas = s_formulas;
            if (formulas[specificationId - 1] is null && s_maxDurations.TryGetValue(specificationId, out MaxDurationBound? bound))
            {
                formulas = [.. formulas];
                formulas[specificationId - 1] = MaxDurationFormula(bound.MethodKey, bound.BoundNanoseconds);
                Volatile.Write(ref s_formulas, formulas);
            }

            return formulas[specificationId - 1];
        }
    }

    // [MaxDuration] is shorthand for a one-quantifier formula over the method's own calls. The monitor checks that
    // shape directly from the probe's record (one comparison, no binding), but the model is kept for reports.
    private static Vypr.Specification MaxDurationFormula(string methodKey, long boundNanoseconds)
    {
        string name = methodKey.StartsWith("M:", StringComparison.Ordinal) ? methodKey[2..] : methodKey;
        int parenthesis = name.IndexOf('(');
        name = parenthesis < 0 ? name : name[..parenthesis];
        int dot = name.LastIndexOf('.');
        return Vypr.Specification.ForMethod(dot < 0 ? "global" : name[..dot], name[(dot + 1)..])
            .Forall("call", Calls.OfScope())
            .Check(call => call.Duration() <= Duration.Nanoseconds(boundNanoseconds));
    }

    private static void RequireRecordable(int id, string what)
    {
        if (id > CallRecord.MaxId)
        {
            throw new InvalidOperationException($"more than {CallRecord.MaxId} {what} registered in one process; a probe record cannot name more");
        }
    }

    // A point may name a specification its assembly does not declare; the ID is reserved now and the entry filled
    // when the declaring assembly registers it.
    private static int SpecificationIdLocked(string key)
    {
        if (s_specificationIds.TryGetValue(key, out int existing))
        {
            return existing;
        }

        int id = s_specifications.Length + 1;
        s_specifications = [.. s_specifications, SpecificationRecord(id, key, "(not loaded)", "(not loaded)", 0)];
        s_formulas = [.. s_formulas, null];
        s_specificationIds.Add(key, id);
        return id;
    }

    /// <summary>
    /// Records that a compilation left calls of a specification's method unwoven (interceptors cannot time them;
    /// its weaving report, vypr-weaving.md, lists each), so the end-of-run table says so instead of "not reached".
    /// </summary>
    /// <param name="specificationId">What <see cref="RegisterSpecification"/> returned.</param>
    /// <param name="callSites">How many call sites that compilation did not weave.</param>
    /// <param name="assembly">The assembly of that compilation.</param>
    public static void RegisterUnwovenCalls(int specificationId, int callSites, string assembly)
    {
        lock (s_lock)
        {
            // An assembly loaded twice (two load contexts) counts once.
            if (!s_unwoven.TryGetValue(specificationId, out Dictionary<string, int>? byAssembly))
            {
                byAssembly = new Dictionary<string, int>(StringComparer.Ordinal);
                s_unwoven.Add(specificationId, byAssembly);
            }

            byAssembly[assembly] = callSites;
        }
    }

    /// <summary>
    /// Records that a compilation left call sites a specification in the language records unwoven (calls of its
    /// scoped method, or calls its quantifiers name, that interceptors cannot reach; its weaving report lists each),
    /// so the end-of-run table says so instead of "not reached".
    /// </summary>
    /// <param name="specificationKey">The specification member's documentation comment ID, as <see cref="RegisterFormula"/> and <see cref="RegisterPoint"/> name it.</param>
    /// <param name="callSites">How many call sites that compilation did not weave.</param>
    /// <param name="assembly">The assembly of that compilation.</param>
    public static void RegisterUnwovenCalls(string specificationKey, int callSites, string assembly)
    {
        lock (s_lock)
        {
            RegisterUnwovenCalls(SpecificationIdLocked(specificationKey), callSites, assembly);
        }
    }

    /// <summary>
    /// The call sites of a specification's method that no interceptor times, and the assemblies whose weaving
    /// reports list them; zero when every compilation wove all of them.
    /// </summary>
    internal static (int CallSites, IReadOnlyList<string> Assemblies) UnwovenCalls(int specificationId)
    {
        lock (s_lock)
        {
            int count = 0;
            var assemblies = new List<string>();
            if (s_unwoven.TryGetValue(specificationId, out Dictionary<string, int>? byAssembly))
            {
                foreach (KeyValuePair<string, int> entry in byAssembly)
                {
                    if (entry.Value > 0)
                    {
                        count += entry.Value;
                        assemblies.Add(entry.Key);
                    }
                }
            }

            assemblies.Sort(StringComparer.Ordinal);
            return (count, assemblies);
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

    // The registry keeps full names for its own lookups; the records the results carry are cleaned and shortened to
    // what the results format holds (ResultsText, TextLimits), which is what the verdict server accepts.
    private static SpecificationInfo SpecificationRecord(int id, string key, string method, string text, long boundNanoseconds) => new(
        id,
        TextLimits.Clip(ResultsText.Clean(key)!, TextLimits.Long),
        TextLimits.Clip(ResultsText.Clean(method)!, TextLimits.Name, TextLimits.KeyBytes),
        TextLimits.Clip(ResultsText.Clean(text)!, TextLimits.Long),
        boundNanoseconds);

    private static CallSiteInfo CallSiteRecord(int id, int specificationId, string file, int line, int column, string caller, string assembly) => new(
        id,
        specificationId,
        TextLimits.Clip(ResultsText.Clean(file)!, TextLimits.Name, TextLimits.KeyBytes),
        line,
        column,
        TextLimits.Clip(ResultsText.Clean(caller)!, TextLimits.Name),
        TextLimits.Clip(ResultsText.Clean(assembly)!, TextLimits.Name));

    /// <summary>A <c>[MaxDuration]</c> specification's method and bound, kept to build its formula model on first use.</summary>
    private sealed record MaxDurationBound(string MethodKey, long BoundNanoseconds);
}
