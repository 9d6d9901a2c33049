using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Vypr.Generators;

/// <summary>
/// What the body of a scoped method contains, as the specification language sees it: the calls written directly in
/// it and the assignments to its variables. Lambdas, anonymous methods and local functions are not part of the
/// scope: they may run later, elsewhere, or never, so their calls are not "inside one call" of the method.
/// </summary>
internal static class ScopeBody
{
    /// <summary>The declarations of <paramref name="scope"/> that have a body (a partial method has one).</summary>
    public static IEnumerable<(SyntaxNode Body, SemanticModel Model)> Bodies(IMethodSymbol scope, Compilation compilation, CancellationToken cancellationToken)
    {
        // A partial method's body is on its implementation part.
        foreach (SyntaxReference reference in (scope.PartialImplementationPart ?? scope).DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is BaseMethodDeclarationSyntax method
                && ((SyntaxNode?)method.Body ?? method.ExpressionBody) is { } body)
            {
                yield return (body, compilation.GetSemanticModel(reference.SyntaxTree));
            }
        }
    }

    /// <summary>The nodes of a body that belong to the scope: everything except nested lambdas and local functions.</summary>
    public static IEnumerable<SyntaxNode> DirectNodes(SyntaxNode body) =>
        body.DescendantNodes(static node => node is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax));

    /// <summary>Every invocation written directly in the scope, with the method it calls.</summary>
    public static IEnumerable<(InvocationExpressionSyntax Syntax, IMethodSymbol Target, SemanticModel Model)> Invocations(
        IMethodSymbol scope, Compilation compilation, CancellationToken cancellationToken)
    {
        foreach ((SyntaxNode body, SemanticModel model) in Bodies(scope, compilation, cancellationToken))
        {
            foreach (InvocationExpressionSyntax invocation in DirectNodes(body).OfType<InvocationExpressionSyntax>())
            {
                if (model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol target)
                {
                    yield return (invocation, target, model);
                }
            }
        }
    }

    /// <summary>Every write to a named variable (local, parameter or field) written directly in the scope.</summary>
    public static IEnumerable<ScopeAssignment> Assignments(IMethodSymbol scope, Compilation compilation, CancellationToken cancellationToken)
    {
        foreach ((SyntaxNode body, SemanticModel model) in Bodies(scope, compilation, cancellationToken))
        {
            foreach (SyntaxNode node in DirectNodes(body))
            {
                switch (node)
                {
                    case AssignmentExpressionSyntax assignment when VariableName(assignment.Left, model, cancellationToken) is { } name:
                        yield return new ScopeAssignment(
                            name,
                            assignment,
                            assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) ? AssignedCall(assignment.Right) : null);
                        break;
                    case VariableDeclaratorSyntax { Initializer: { } initializer } declarator:
                        yield return new ScopeAssignment(declarator.Identifier.ValueText, declarator, AssignedCall(initializer.Value));
                        break;
                    case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression or (int)SyntaxKind.PreDecrementExpression } unary
                        when VariableName(unary.Operand, model, cancellationToken) is { } name:
                        yield return new ScopeAssignment(name, unary, null);
                        break;
                    case PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PostIncrementExpression or (int)SyntaxKind.PostDecrementExpression } unary
                        when VariableName(unary.Operand, model, cancellationToken) is { } name:
                        yield return new ScopeAssignment(name, unary, null);
                        break;
                    case ForEachStatementSyntax loop:
                        yield return new ScopeAssignment(loop.Identifier.ValueText, loop, null);
                        break;
                    case AssignmentExpressionSyntax { Left: TupleExpressionSyntax or DeclarationExpressionSyntax } deconstruction:
                        foreach (string name in DesignatedNames(deconstruction.Left))
                        {
                            yield return new ScopeAssignment(name, deconstruction, null);
                        }

                        break;
                    case ForEachVariableStatementSyntax loop:
                        foreach (string name in DesignatedNames(loop.Variable))
                        {
                            yield return new ScopeAssignment(name, loop, null);
                        }

                        break;
                    case DeclarationPatternSyntax { Designation: SingleVariableDesignationSyntax single } pattern:
                        yield return new ScopeAssignment(single.Identifier.ValueText, pattern, null);
                        break;
                    case CatchDeclarationSyntax { Identifier.RawKind: (int)SyntaxKind.IdentifierToken } caught:
                        yield return new ScopeAssignment(caught.Identifier.ValueText, caught, null);
                        break;
                    case ArgumentSyntax { RefKindKeyword.RawKind: (int)SyntaxKind.OutKeyword or (int)SyntaxKind.RefKeyword } argument:
                        string? outName = argument.Expression switch
                        {
                            DeclarationExpressionSyntax { Designation: SingleVariableDesignationSyntax single } => single.Identifier.ValueText,
                            ExpressionSyntax expression => VariableName(expression, model, cancellationToken),
                        };
                        if (outName is not null)
                        {
                            yield return new ScopeAssignment(outName, argument, null);
                        }

                        break;
                }
            }
        }
    }

    /// <summary>The variables a deconstruction writes: <c>(a, b)</c>, <c>var (a, b)</c>, nested.</summary>
    private static IEnumerable<string> DesignatedNames(SyntaxNode target) =>
        target.DescendantNodesAndSelf()
            .Select(node => node switch
            {
                SingleVariableDesignationSyntax single => single.Identifier.ValueText,
                ArgumentSyntax { Expression: IdentifierNameSyntax identifier } => identifier.Identifier.ValueText,
                _ => null,
            })
            .Where(name => name is not null)
            .Select(name => name!);

    /// <summary>
    /// The call whose result an assignment stores, seen through <c>await</c>, <c>.ConfigureAwait(...)</c>, parentheses
    /// and <c>!</c>; null when the value does not come straight from a call.
    /// </summary>
    public static InvocationExpressionSyntax? AssignedCall(ExpressionSyntax value)
    {
        while (true)
        {
            switch (value)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    value = parenthesized.Expression;
                    break;
                case PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression } bang:
                    value = bang.Operand;
                    break;
                case AwaitExpressionSyntax awaited:
                    value = awaited.Expression;
                    break;
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait", Expression: InvocationExpressionSyntax inner } }:
                    value = inner;
                    break;
                case InvocationExpressionSyntax invocation:
                    return invocation;
                default:
                    return null;
            }
        }
    }

    /// <summary>The variable an assignment target names: a local, a parameter, or a field (<c>x</c> or <c>this.x</c>).</summary>
    private static string? VariableName(ExpressionSyntax target, SemanticModel model, CancellationToken cancellationToken)
    {
        if (target is not (IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax }))
        {
            return null;
        }

        return model.GetSymbolInfo(target, cancellationToken).Symbol is ILocalSymbol or IParameterSymbol or IFieldSymbol
            ? (target is MemberAccessExpressionSyntax access ? access.Name.Identifier.ValueText : ((IdentifierNameSyntax)target).Identifier.ValueText)
            : null;
    }
}
