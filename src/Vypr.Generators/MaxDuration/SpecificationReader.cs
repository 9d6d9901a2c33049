using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Vypr.Generators;

/// <summary>Reads a specification attribute's bound; shared by the generator and the analyzer so both agree.</summary>
internal static class SpecificationReader
{
    /// <summary>Reads the bound of a <c>[MaxDuration]</c> attribute in either of its forms.</summary>
    /// <param name="attribute">The attribute.</param>
    /// <param name="nanoseconds">The bound.</param>
    /// <param name="text">The specification as it appears in reports: <c>MaxDuration("50ms")</c>.</param>
    /// <param name="error">Why the bound is not valid.</param>
    /// <returns>True when the bound is valid.</returns>
    public static bool TryReadMaxDuration(AttributeData attribute, out long nanoseconds, out string text, out string? error)
    {
        nanoseconds = 0;
        text = "MaxDuration";
        var arguments = attribute.ConstructorArguments;
        if (arguments.Length == 1 && arguments[0].Value is string literal)
        {
            text = $"MaxDuration(\"{literal}\")";
            return Vypr.DurationText.TryParse(literal, out nanoseconds, out error);
        }

        if (arguments.Length == 2 && arguments[0].Value is double value && arguments[1].Value is int unit
            && unit >= (int)DurationUnit.Nanoseconds && unit <= (int)DurationUnit.Minutes)
        {
            text = $"MaxDuration(\"{Vypr.DurationText.Format(value, (DurationUnit)unit)}\")";
            return Vypr.DurationText.TryFromValue(value, (DurationUnit)unit, out nanoseconds, out error);
        }

        error = arguments.Length == 1 && arguments[0].Value is null
            ? "the duration is null; write a number and a unit, for example \"50ms\""
            : "the bound is not a constant duration";
        return false;
    }

    /// <summary>The syntax to point at when the bound is wrong: the first argument, else the attribute.</summary>
    /// <param name="attribute">The attribute.</param>
    /// <returns>A location in source, or none for attributes from metadata.</returns>
    public static Location BoundLocation(AttributeData attribute)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax() is AttributeSyntax syntax)
        {
            return syntax.ArgumentList is { Arguments.Count: > 0 } list ? list.Arguments[0].GetLocation() : syntax.GetLocation();
        }

        return Location.None;
    }
}
