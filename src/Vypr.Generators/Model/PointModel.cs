using Vypr.Formulas;
namespace Vypr.Generators.Model;

/// <summary>A point the generated code registers and records events at, for one specification.</summary>
/// <param name="Field">The registrations field holding the point's ID.</param>
/// <param name="Kind">What the point records.</param>
/// <param name="SpecificationKey">The specification member's documentation comment ID.</param>
/// <param name="Method">For calls: the called method's simple name.</param>
/// <param name="DeclaringType">For calls: the called method's declaring type as <c>Type.FullName</c> writes it.</param>
/// <param name="Variable">For changes: the changed variable.</param>
/// <param name="Captures">Capture names in the order the probe writes them.</param>
internal sealed record PointModel(string Field, PointKind Kind, string SpecificationKey, string? Method, string? DeclaringType, string? Variable, EquatableArray<CaptureName> Captures);
