using Microsoft.CodeAnalysis;
using Vypr.Generators.Model;

namespace Vypr.Generators;

/// <summary>What reading one fluent specification gave the analyzer: the model, and where its scope is.</summary>
/// <param name="Specification">The model, or null when the specification has errors.</param>
/// <param name="Scope">The scoped method, when it could be resolved.</param>
/// <param name="ScopeLocation">The <c>For</c> argument naming the scoped method.</param>
internal sealed record ChainReading(FluentSpecification? Specification, IMethodSymbol? Scope, Location? ScopeLocation);
