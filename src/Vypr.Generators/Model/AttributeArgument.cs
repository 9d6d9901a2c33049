namespace Vypr.Generators.Model;

/// <summary>A constant constructor argument of an <see cref="AttributeModel"/>: a boolean, a text, or an array of texts.</summary>
/// <param name="Boolean">The value when the argument is a boolean.</param>
/// <param name="Texts">The value(s) when the argument is a text (one element) or an array of texts.</param>
/// <param name="IsArray">True when the argument is an array (a <c>params string[]</c>).</param>
internal sealed record AttributeArgument(bool? Boolean, EquatableArray<string> Texts, bool IsArray);
