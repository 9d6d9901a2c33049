using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Vypr.Generators.Analyzers;
using Vypr.Generators.Model;

namespace Vypr.Generators;

/// <summary>
/// Warnings about a specification's slots that only the scoped method's body can tell: quantified calls and changes
/// that never happen there, and ones that happen in a shape the interceptor-based probes cannot observe. They do
/// not stop the generator, so it skips them; the analyzer asks for them. When the IL backend weaves the scoped method
/// (<c>VyprWeaving</c> IL or Both), its body is observed instruction by instruction: every call written in it and
/// every write of a local or field (compound assignments, increments, <c>out</c> and <c>ref</c> arguments,
/// deconstructions, pattern and loop variables) is seen, so only what no probe in the body can see is reported.
/// </summary>
internal static class ScopeChecks
{
    public static void Check(IReadOnlyList<SlotDraft> slots, ScopedMethod scope, ReadingReport report, bool wovenInIL, CancellationToken cancellationToken)
    {
        foreach (SlotDraft slot in slots)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (slot.TargetSyntax is not { } where)
            {
                continue;
            }

            if (slot.Kind == SlotKind.Calls && slot.Method is { } method)
            {
                CheckCalls(slot, method, where, scope, report, wovenInIL, cancellationToken);
            }
            else if (slot.Kind == SlotKind.Changes && slot.Variable is { } variable)
            {
                CheckChanges(slot, variable, where, scope, report, wovenInIL);
            }
        }
    }

    private static void CheckCalls(SlotDraft slot, string method, SyntaxNode where, ScopedMethod scope, ReadingReport report, bool wovenInIL, CancellationToken cancellationToken)
    {
        string target = slot.Type is null ? method : DslTypes.Display(slot.Type) + "." + method;
        if (slot.Type is { } type)
        {
            List<ISymbol> members = ScopedMethod.MembersNamed(type, method).ToList();

            // A string can name what nameof cannot: a constructor by the type's name, an indexer by its metadata name.
            if (members.Count == 0 && method == type.Name)
            {
                members.AddRange(type.InstanceConstructors);
            }
            else if (members.Count == 0 && method is "Item" or "this[]")
            {
                members.AddRange(type.GetMembers().OfType<IPropertySymbol>().Where(p => p.IsIndexer));
            }

            if (members.Count == 0)
            {
                report.Add(
                    DiagnosticDescriptors.EventNeverHappens,
                    where,
                    $"'{DslTypes.Display(type)}' has no method '{method}' to call",
                    scope.Display,
                    slot.Name,
                    report.Specification);
                return;
            }

            if (!members.Any(m => m is IMethodSymbol { MethodKind: MethodKind.Ordinary }))
            {
                report.Add(
                    DiagnosticDescriptors.CallNotObservable,
                    where,
                    target,
                    slot.Name,
                    $"'{target}' is {ScopedMethod.KindOf(members[0])}, and only calls of ordinary methods can be intercepted");
                return;
            }
        }

        var calls = scope.Invocations.Where(c => ScopedMethod.Matches(c.Target, method, slot.Type)).ToList();
        if (calls.Count == 0)
        {
            report.Add(
                DiagnosticDescriptors.EventNeverHappens,
                where,
                slot.Type is null ? $"No method named '{method}' is called directly" : $"'{target}' is never called directly",
                scope.Display,
                slot.Name,
                report.Specification);
        }

        // Woven in IL, a call is observed where it is made, whatever an interceptor could name.
        foreach ((InvocationExpressionSyntax syntax, IMethodSymbol called, SemanticModel model) in calls.Where(_ => !wovenInIL))
        {
            // A [MaxDuration] method's calls are already reported by VYPR0003 for the same reason.
            IMethodSymbol definition = (called.ReducedFrom ?? called).OriginalDefinition;
            if (MonitoredMethodReader.FindSpecification(definition) is null
                && CallSitePlanner.WhyNotInterceptable(syntax, called, model, scope.Compilation, cancellationToken) is { } reason)
            {
                report.Add(DiagnosticDescriptors.CallNotObservable, CallSitePlanner.InvokedNameLocation(syntax), called.ToDisplayString(SymbolFormats.Display), slot.Name, reason);
            }
        }

        foreach ((SyntaxNode body, SemanticModel model) in scope.Bodies)
        {
            foreach (SyntaxNode node in ScopeBody.DirectNodes(body))
            {
                if (node is not (IdentifierNameSyntax or GenericNameSyntax or MemberAccessExpressionSyntax or MemberBindingExpressionSyntax)
                    || node.Parent is InvocationExpressionSyntax { Expression: var invoked } && invoked == node
                    || node.Parent is MemberAccessExpressionSyntax { Name: var name } && name == node)
                {
                    continue;
                }

                IOperation? operation = model.GetOperation(node, cancellationToken);
                if ((operation is IDelegateCreationOperation creation ? creation.Target : operation) is IMethodReferenceOperation reference
                    && !InsideNameof(reference)
                    && ScopedMethod.Matches(reference.Method, method, slot.Type))
                {
                    report.Add(
                        DiagnosticDescriptors.CallNotObservable,
                        node,
                        reference.Method.ToDisplayString(SymbolFormats.Display),
                        slot.Name,
                        $"it is used as a delegate here, and calls through a delegate are not intercepted; call it directly in the body of '{scope.Display}'");
                }
            }
        }
    }

    private static void CheckChanges(SlotDraft slot, string variable, SyntaxNode where, ScopedMethod scope, ReadingReport report, bool wovenInIL)
    {
        IReadOnlyList<ISymbol> symbols = scope.Variables(variable);
        if (symbols.Count == 0)
        {
            // Reported as an error (VYPR0014) while reading.
            return;
        }

        bool observed = symbols[0] is IParameterSymbol;
        foreach (ScopeAssignment write in scope.Assignments.Where(a => a.Variable == variable))
        {
            if (write.FromCall is not null || wovenInIL)
            {
                observed = true;
                continue;
            }

            (Location location, string what) = write.Syntax switch
            {
                ForEachStatementSyntax loop => (loop.Identifier.GetLocation(), "a foreach variable takes values that do not come from a call"),
                VariableDeclaratorSyntax => (write.Syntax.GetLocation(), "its initial value does not come straight from a call"),
                AssignmentExpressionSyntax assignment when assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) =>
                    (write.Syntax.GetLocation(), "the assigned value does not come straight from a call"),
                AssignmentExpressionSyntax => (write.Syntax.GetLocation(), "a compound assignment computes the value in place"),
                PrefixUnaryExpressionSyntax or PostfixUnaryExpressionSyntax => (write.Syntax.GetLocation(), "an increment or decrement computes the value in place"),
                ArgumentSyntax => (write.Syntax.GetLocation(), "an out argument is written inside the called method"),
                _ => (write.Syntax.GetLocation(), "the value does not come straight from a call"),
            };
            report.Add(DiagnosticDescriptors.UnobservedChange, location, variable, scope.Display, slot.Name, what);
        }

        if (!observed)
        {
            report.Add(
                DiagnosticDescriptors.EventNeverHappens,
                where,
                wovenInIL ? $"'{variable}' is never written" : $"'{variable}' is never assigned a call's result",
                scope.Display,
                slot.Name,
                report.Specification);
        }
    }

    private static bool InsideNameof(IOperation operation)
    {
        for (IOperation? parent = operation.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is INameOfOperation)
            {
                return true;
            }
        }

        return false;
    }
}
