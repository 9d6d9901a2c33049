using Vypr.Formulas;
namespace Vypr.Generators.Model;

/// <summary>A parameter of a scoped method that a specification observes at entry, and what it captures of it.</summary>
/// <param name="Variable">The parameter's name.</param>
/// <param name="Captures">Capture names (<c>value</c>, <c>value#length</c>). Sorted, distinct.</param>
internal sealed record ParameterChange(string Variable, EquatableArray<CaptureName> Captures);
