using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Vypr.Generators;

/// <summary>A write to a named variable inside a scoped method.</summary>
/// <param name="Variable">The variable's name.</param>
/// <param name="Syntax">The assignment, declarator, increment, loop or <c>out</c> argument that writes it.</param>
/// <param name="FromCall">The call whose result is stored, when the value comes straight from one; such a change is observable.</param>
internal sealed record ScopeAssignment(string Variable, SyntaxNode Syntax, InvocationExpressionSyntax? FromCall);
