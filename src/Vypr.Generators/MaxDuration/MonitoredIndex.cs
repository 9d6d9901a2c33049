using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Vypr.Generators.Model;

namespace Vypr.Generators;

/// <summary>Finds the monitored methods that a call's target may reach, directly or through virtual dispatch.</summary>
internal sealed class MonitoredIndex
{
    private readonly Dictionary<string, MonitoredMethod> _byKey = new();
    private readonly Dictionary<string, List<MonitoredMethod>> _byDispatchKey = new();
    private readonly Dictionary<string, bool> _nameableType = new();

    public MonitoredIndex(ImmutableArray<MonitoredMethod> monitored)
    {
        foreach (MonitoredMethod method in monitored)
        {
            _byKey[method.Key] = method;
            foreach (string dispatchKey in method.DispatchKeys)
            {
                if (!_byDispatchKey.TryGetValue(dispatchKey, out List<MonitoredMethod>? implementations))
                {
                    implementations = new List<MonitoredMethod>();
                    _byDispatchKey.Add(dispatchKey, implementations);
                }

                implementations.Add(method);
            }
        }
    }

    /// <summary>
    /// The monitored methods <paramref name="target"/> may reach. A call that may dispatch elsewhere at run time
    /// carries the monitored method's declaring type, which the probe compares with the receiver's type.
    /// </summary>
    public List<(MonitoredMethod Method, string? RuntimeType)> Reached(IMethodSymbol target, Compilation compilation)
    {
        var reached = new List<(MonitoredMethod, string?)>();
        string key = MonitoredMethodReader.KeyOf(target.ReducedFrom ?? target);
        if (_byKey.TryGetValue(key, out MonitoredMethod? direct))
        {
            if (AlwaysReachesItself(target))
            {
                reached.Add((direct, null));
            }
            else if (IsNameable(direct, compilation))
            {
                reached.Add((direct, direct.ContainingType));
            }
        }

        if (_byDispatchKey.TryGetValue(key, out List<MonitoredMethod>? implementations))
        {
            foreach (MonitoredMethod implementation in implementations)
            {
                if (implementation.Key != key && IsNameable(implementation, compilation))
                {
                    reached.Add((implementation, implementation.ContainingType));
                }
            }
        }

        return reached;
    }

    /// <summary>
    /// The monitored methods <paramref name="target"/> may reach but <see cref="Reached"/> leaves out, each with
    /// why: a receiver that may be of a generic type (or one generated code cannot name) cannot be tested by an
    /// interceptor, so only the IL backend can time those calls.
    /// </summary>
    public List<(MonitoredMethod Method, WeavingRefusal Refusal)> Unreached(IMethodSymbol target, Compilation compilation)
    {
        var unreached = new List<(MonitoredMethod, WeavingRefusal)>();
        string key = MonitoredMethodReader.KeyOf(target.ReducedFrom ?? target);
        if (_byKey.TryGetValue(key, out MonitoredMethod? direct) && !AlwaysReachesItself(target)
            && WhyNotNameable(direct, target, compilation) is { } directRefusal)
        {
            unreached.Add((direct, directRefusal));
        }

        if (_byDispatchKey.TryGetValue(key, out List<MonitoredMethod>? implementations))
        {
            foreach (MonitoredMethod implementation in implementations)
            {
                if (implementation.Key != key && WhyNotNameable(implementation, target, compilation) is { } refusal)
                {
                    unreached.Add((implementation, refusal));
                }
            }
        }

        return unreached;
    }

    private WeavingRefusal? WhyNotNameable(MonitoredMethod method, IMethodSymbol target, Compilation compilation)
    {
        if (IsNameable(method, compilation))
        {
            return null;
        }

        bool generic = Resolve(method, compilation) is { ContainingType.IsGenericType: true };
        string through = (target.ReducedFrom ?? target).OriginalDefinition.ToDisplayString(SymbolFormats.Display);
        return !generic
            ? new WeavingRefusal(WeavingGap.Other, $"the call may reach '{method.Display}', whose type generated code cannot name, so an interceptor cannot test the receiver for it")
            : target.ContainingType.TypeKind == TypeKind.Interface
                ? new WeavingRefusal(WeavingGap.GenericInterface, $"the call goes through the interface member '{through}' and may reach '{method.Display}' of a generic type, which an interceptor cannot test the receiver for")
                : new WeavingRefusal(WeavingGap.GenericVirtual, $"the call is virtual ('{through}') and may reach '{method.Display}' of a generic type, which an interceptor cannot test the receiver for");
    }

    // The method a key names. Roslyn's lookup of a documentation ID does not find an explicit interface
    // implementation ("M:E`1.IV{T,System#Int32}#IsValid(...)"): its type is looked up instead and the member with
    // that key found among the type's members.
    private static IMethodSymbol? Resolve(MonitoredMethod method, Compilation compilation)
    {
        if (DocumentationCommentId.GetFirstSymbolForDeclarationId(method.Key, compilation) is IMethodSymbol found)
        {
            return found;
        }

        int parameters = method.Key.IndexOf('(');
        int memberDot = method.Key.LastIndexOf('.', parameters < 0 ? method.Key.Length - 1 : parameters);
        return memberDot > 2
            && DocumentationCommentId.GetFirstSymbolForDeclarationId("T:" + method.Key.Substring(2, memberDot - 2), compilation) is INamedTypeSymbol type
            ? type.GetMembers().OfType<IMethodSymbol>().FirstOrDefault(m => MonitoredMethodReader.KeyOf(m) == method.Key)
            : null;
    }

    private static bool AlwaysReachesItself(IMethodSymbol target) =>
        target.IsStatic
        || target.ReducedFrom is not null
        || (!target.IsVirtual && !target.IsAbstract && !target.IsOverride)
        || target.IsSealed
        || target.ContainingType.IsSealed
        || target.ContainingType.IsValueType;

    // A receiver can only be compared with a type the generated code can name: not generic, and accessible here.
    private bool IsNameable(MonitoredMethod method, Compilation compilation)
    {
        if (!_nameableType.TryGetValue(method.Key, out bool nameable))
        {
            nameable = Resolve(method, compilation) is { } symbol
                && !symbol.ContainingType.IsGenericType
                && !symbol.ContainingType.IsFileLocal
                && compilation.IsSymbolAccessibleWithin(symbol.ContainingType, compilation.Assembly);
            _nameableType[method.Key] = nameable;
        }

        return nameable;
    }
}
