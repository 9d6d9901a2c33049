using System;
using System.Collections.Concurrent;
using System.ComponentModel;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Vypr.Load.Configuration;

namespace Vypr.Load.Running;

/// <summary>
/// Creates a plan entry's test instance: loads its class library by path (with that library's own dependencies,
/// resolved from its deps.json), finds the type, picks the constructor the plan's arguments name and converts each
/// argument. Every mistake is a <see cref="LoadPlanException"/> at the plan's line and column.
/// </summary>
internal static class TestFactory
{
    private static readonly ConcurrentDictionary<string, Assembly> s_loaded = new(StringComparer.Ordinal);

    public static LoadTest Create(LoadPlan plan, LoadTestPlan entry)
    {
        Type type = FindType(plan, entry);
        ConstructorInfo[] constructors = type.GetConstructors();
        foreach (PlanArgument argument in entry.Arguments)
        {
            if (!constructors.Any(c => c.GetParameters().Any(p => p.Name == argument.Name)))
            {
                throw new LoadPlanException(plan.File, argument.Position, $"argument '{argument.Name}' matches no parameter of a public constructor of {type.FullName}: expected one of {Signatures(type)}.");
            }
        }

        ConstructorInfo? chosen = constructors
            .Where(c => c.GetParameters().All(p => p.HasDefaultValue || entry.Arguments.Any(a => a.Name == p.Name))
                && entry.Arguments.All(a => c.GetParameters().Any(p => p.Name == a.Name)))
            .OrderByDescending(c => c.GetParameters().Length)
            .FirstOrDefault()
            ?? throw new LoadPlanException(plan.File, entry.TypePosition, $"no public constructor of {type.FullName} takes exactly the arguments given ({(entry.Arguments.Count == 0 ? "none" : string.Join(", ", entry.Arguments.Select(a => a.Name)))}): expected the parameters of one of {Signatures(type)}, each without a default given under 'arguments'.");

        object?[] values = chosen.GetParameters()
            .Select(parameter => entry.Arguments.FirstOrDefault(a => a.Name == parameter.Name) is { } argument
                ? Convert(plan, type, parameter, argument)
                : parameter.DefaultValue)
            .ToArray();
        try
        {
            return (LoadTest)chosen.Invoke(values);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw new LoadRunException($"Constructing test '{entry.Name}' ({type.FullName}) threw {e.InnerException.GetType().FullName}: {e.InnerException.Message}", e.InnerException);
        }
    }

    private static Type FindType(LoadPlan plan, LoadTestPlan entry)
    {
        if (!File.Exists(entry.AssemblyPath))
        {
            throw new LoadPlanException(plan.File, entry.AssemblyPosition, $"assembly '{entry.AssemblyPath}' does not exist: expected the path of the class library holding the tests (relative paths start at the plan's folder); build it first.");
        }

        Assembly assembly;
        try
        {
            assembly = s_loaded.GetOrAdd(entry.AssemblyPath, Load);
        }
        catch (Exception e) when (e is BadImageFormatException or FileLoadException)
        {
            throw new LoadPlanException(plan.File, entry.AssemblyPosition, $"'{entry.AssemblyPath}' cannot be loaded as a .NET assembly: {e.Message}");
        }

        Type? type = assembly.GetType(entry.TypeName, throwOnError: false);
        if (type is null || !typeof(LoadTest).IsAssignableFrom(type) || type.IsAbstract || !type.IsPublic && !type.IsNestedPublic)
        {
            string[] candidates = LoadTestTypes(assembly);
            string problem = type is null ? $"type '{entry.TypeName}' is not in {assembly.GetName().Name}"
                : !typeof(LoadTest).IsAssignableFrom(type) ? $"type '{entry.TypeName}' does not derive from Vypr.Load.LoadTest"
                : $"type '{entry.TypeName}' is abstract or not public";
            throw new LoadPlanException(plan.File, entry.TypePosition, $"{problem}: expected a public, non-abstract class deriving from Vypr.Load.LoadTest; the assembly has {(candidates.Length == 0 ? "none" : string.Join(", ", candidates))}.");
        }

        return type;
    }

    private static Assembly Load(string path)
    {
        var resolver = new AssemblyDependencyResolver(path);

        // The test library's own dependencies come from its deps.json; assemblies the tool already has (Vypr.Load,
        // Vypr.Runtime) stay the tool's, so LoadTest and TestScope are one type on both sides.
        AssemblyLoadContext.Default.Resolving += (context, name) =>
            resolver.ResolveAssemblyToPath(name) is { } dependency ? context.LoadFromAssemblyPath(dependency) : null;
        return AssemblyLoadContext.Default.LoadFromAssemblyPath(path);
    }

    private static string[] LoadTestTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetExportedTypes().Where(t => typeof(LoadTest).IsAssignableFrom(t) && !t.IsAbstract).Select(t => t.FullName!).Order(StringComparer.Ordinal).ToArray();
        }
        catch (ReflectionTypeLoadException)
        {
            return [];
        }
    }

    private static string Signatures(Type type) => string.Join(
        "; ",
        type.GetConstructors().Select(c => $"({string.Join(", ", c.GetParameters().Select(p => $"{p.ParameterType.Name} {p.Name}{(p.HasDefaultValue ? " = ..." : "")}"))})"));

    private static object? Convert(LoadPlan plan, Type type, ParameterInfo parameter, PlanArgument argument)
    {
        Type target = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
        string where = $"argument '{argument.Name}' of {type.Name}";
        if (argument.Value is null)
        {
            return !parameter.ParameterType.IsValueType || Nullable.GetUnderlyingType(parameter.ParameterType) is not null
                ? null
                : throw new LoadPlanException(plan.File, argument.Position, $"{where} is null, but its type {target.Name} cannot be null.");
        }

        if (target == typeof(TimeSpan))
        {
            return LoadDuration.TryParse(argument.Value, out TimeSpan duration)
                ? duration
                : throw new LoadPlanException(plan.File, argument.Position, $"{where} is '{argument.Value}': expected {LoadDuration.Expected}.");
        }

        try
        {
            TypeConverter converter = TypeDescriptor.GetConverter(target);
            if (target != typeof(string) && converter.CanConvertFrom(typeof(string)))
            {
                return converter.ConvertFromInvariantString(argument.Value);
            }
        }
        catch (Exception e) when (e is FormatException or NotSupportedException or ArgumentException || e.InnerException is FormatException or OverflowException)
        {
            throw new LoadPlanException(plan.File, argument.Position, $"{where} is '{argument.Value}': expected a {target.Name}.");
        }

        return target == typeof(string) || target == typeof(object)
            ? argument.Value
            : throw new LoadPlanException(plan.File, argument.Position, $"{where} has type {target.Name}, which cannot be written in a plan: expected a parameter of a text, number, true/false, duration, URI or enum type.");
    }
}
