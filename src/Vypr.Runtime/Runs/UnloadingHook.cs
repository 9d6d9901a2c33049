using System;
using System.Reflection;
#if NET
using System.Runtime.Loader;
#endif

namespace Vypr.Runtime.Runs;

/// <summary>Runs an action when the code that holds an assembly is unloaded without the process exiting.</summary>
internal static class UnloadingHook
{
    /// <summary>Adds <paramref name="action"/> to what runs when <paramref name="assembly"/>'s load context (on .NET) or app domain (on .NET Framework) unloads.</summary>
    /// <param name="assembly">The assembly whose unloading matters.</param>
    /// <param name="action">What to run then.</param>
    public static void Add(Assembly assembly, Action action)
    {
#if NET
        AssemblyLoadContext? context = AssemblyLoadContext.GetLoadContext(assembly);
        if (context is not null && context != AssemblyLoadContext.Default)
        {
            context.Unloading += _ => action();
        }
#else
        // The netstandard2.0 build runs on .NET Framework or Mono (a .NET process loads the net10.0 build): there a
        // test host unloads an app domain, not a load context.
        _ = assembly;
        AppDomain.CurrentDomain.DomainUnload += (_, _) => action();
#endif
    }
}
