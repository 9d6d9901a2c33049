using System.Collections.Generic;
using System.Linq;
using Mono.Cecil;
using Mono.Cecil.Cil;
using Vypr.Fody.Naming;

namespace Vypr.Fody.Reading;

/// <summary>
/// Finds the methods to weave: those carrying Vypr's <c>[MaxDuration]</c>, and those carrying an attribute named
/// <c>TimeAttribute</c> (MethodTimer's convention, matched by name), on the method or on its type. Problems are reported
/// through <see cref="Problem"/> at the method's source line.
/// </summary>
internal sealed class SpecificationReader
{
    public const string MaxDurationAttribute = "Vypr.MaxDurationAttribute";
    public const string TimeAttributeName = "TimeAttribute";

    /// <summary>A problem with a method: what, and where (null when the PDB has no line for it).</summary>
    public delegate void Problem(string message, SequencePoint? where, bool isError);

    private readonly Problem _report;

    public SpecificationReader(Problem report)
    {
        _report = report;
    }

    public IReadOnlyList<WovenSpecification> Read(ModuleDefinition module)
    {
        var found = new List<WovenSpecification>();
        foreach (TypeDefinition type in module.GetTypes())
        {
            bool typeTimed = type.CustomAttributes.Any(IsTime);
            foreach (MethodDefinition method in type.Methods)
            {
                CustomAttribute? maxDuration = method.CustomAttributes.FirstOrDefault(a => a.AttributeType.FullName == MaxDurationAttribute);
                bool timed = method.CustomAttributes.Any(IsTime) || (typeTimed && IsTimedByItsType(method));
                if (maxDuration is null && !timed)
                {
                    continue;
                }

                CustomAttribute? time = method.CustomAttributes.FirstOrDefault(IsTime) ?? (timed ? type.CustomAttributes.FirstOrDefault(IsTime) : null);
                if (Read(method, maxDuration, time) is { } specification)
                {
                    found.Add(specification);
                }
            }
        }

        return found;
    }

    private static bool IsTime(CustomAttribute attribute) => attribute.AttributeType.Name == TimeAttributeName;

    // [Time] on a class times its own methods, as MethodTimer does: not what the compiler generated, not accessors.
    private static bool IsTimedByItsType(MethodDefinition method) =>
        method.HasBody && !method.IsSpecialName && !method.IsConstructor
        && !method.CustomAttributes.Any(a => a.AttributeType.FullName == "System.Runtime.CompilerServices.CompilerGeneratedAttribute");

    private WovenSpecification? Read(MethodDefinition method, CustomAttribute? maxDuration, CustomAttribute? time)
    {
        SequencePoint? where = SourceLocator.Find(method);
        string display = DisplayName.Of(method);
        if (!method.HasBody)
        {
            _report($"{display} has no body to time ({(method.IsAbstract ? "abstract" : "extern")}): put the specification on the methods that implement it", where, false);
            return null;
        }

        string? refusal = Refusal(method);
        if (refusal is not null)
        {
            _report($"{display} cannot be timed in its own body: {refusal}", where, true);
            return null;
        }

        string text = "Time";
        long bound = long.MaxValue;
        if (maxDuration is not null && !TryReadBound(maxDuration, out bound, out text, out string? error))
        {
            _report($"the bound of [MaxDuration] on {display} is not valid: {error}", where, true);
            return null;
        }

        string? message = time?.ConstructorArguments.FirstOrDefault(a => a.Value is string).Value as string;
        return new WovenSpecification(method, DocumentationId.Of(method), display, text, bound, where, isMeasurement: maxDuration is null, message);
    }

    private static string? Refusal(MethodDefinition method)
    {
        string? machine = method.CustomAttributes
            .Select(a => a.AttributeType)
            .FirstOrDefault(t => t.Namespace == "System.Runtime.CompilerServices" && t.Name.EndsWith("StateMachineAttribute", System.StringComparison.Ordinal))?.Name;
        return machine switch
        {
            "IteratorStateMachineAttribute" => "it is an iterator, whose work runs while the caller enumerates, after the call has returned; time the method that enumerates it, or return a materialised collection",
            "AsyncIteratorStateMachineAttribute" => "it is an async iterator, whose work runs while the caller enumerates, after the call has returned; time the method that enumerates it",
            "AsyncStateMachineAttribute" when method.ReturnType.MetadataType == MetadataType.Void => "it is 'async void', whose completion no caller can observe; return a Task",
            _ => null,
        };
    }

    // The same two forms the source generator reads, turned into the same text.
    private static bool TryReadBound(CustomAttribute attribute, out long nanoseconds, out string text, out string? error)
    {
        nanoseconds = 0;
        text = "MaxDuration";
        IList<CustomAttributeArgument> arguments = attribute.ConstructorArguments;
        if (arguments.Count == 1 && arguments[0].Value is string literal)
        {
            text = $"MaxDuration(\"{literal}\")";
            return DurationText.TryParse(literal, out nanoseconds, out error);
        }

        if (arguments.Count == 2 && arguments[0].Value is double value && arguments[1].Value is int unit
            && unit >= (int)DurationUnit.Nanoseconds && unit <= (int)DurationUnit.Minutes)
        {
            text = $"MaxDuration(\"{DurationText.Format(value, (DurationUnit)unit)}\")";
            return DurationText.TryFromValue(value, (DurationUnit)unit, out nanoseconds, out error);
        }

        error = "the bound is not a constant duration";
        return false;
    }
}
