using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Vypr.Fody.Reading;

/// <summary>A method to time in its own body, with the specification it carries: the weaver's model of one method.</summary>
internal sealed class WovenSpecification
{
    public WovenSpecification(MethodDefinition method, string key, string display, string text, long boundNanoseconds, SequencePoint? declaration, bool isMeasurement, string? timeMessage)
    {
        IsMeasurement = isMeasurement;
        TimeMessage = timeMessage;
        Method = method;
        Key = key;
        Display = display;
        Text = text;
        BoundNanoseconds = boundNanoseconds;
        Declaration = declaration;
    }

    public MethodDefinition Method { get; }

    /// <summary>True for MethodTimer's <c>[Time]</c> without <c>[MaxDuration]</c>: a duration measured, no bound.</summary>
    public bool IsMeasurement { get; }

    /// <summary>The <c>[Time("...")]</c> message, handed to a <c>MethodTimeLogger</c>.</summary>
    public string? TimeMessage { get; }

    /// <summary>The method's documentation comment ID, as the source generator writes it.</summary>
    public string Key { get; }

    public string Display { get; }

    /// <summary>The specification as reports show it: <c>MaxDuration("50ms")</c>, or <c>Time</c> for a measurement.</summary>
    public string Text { get; }

    /// <summary>The bound; <see cref="long.MaxValue"/> for a measurement without one (<c>[Time]</c>).</summary>
    public long BoundNanoseconds { get; }

    /// <summary>Where the method's body begins in source: the "call site" every call of the woven method reports.</summary>
    public SequencePoint? Declaration { get; }
}
