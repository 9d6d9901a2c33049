using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Vypr.Formulas;
using Vypr.Generators.Analyzers;
using Vypr.Generators.Model;

namespace Vypr.Generators;

/// <summary>
/// Reads a fluent specification (a static <c>Specification</c> property or field marked
/// <c>[PerformanceSpecification]</c>) from its syntax and symbols, never running it:
/// <c>Specification.For&lt;T&gt;(...)</c>, one to three <c>Forall(name, quantifier)</c>, then <c>Check(lambda)</c>.
/// The generator and the analyzer share it, so whatever the analyzer reports as an error is exactly what makes the
/// generator skip the specification.
/// </summary>
internal static class ChainReader
{
    /// <summary>The transform of the generator's <c>ForAttributeWithMetadataName</c> pipeline.</summary>
    /// <param name="context">A property declaration or field variable declarator carrying the attribute.</param>
    /// <param name="cancellationToken">Cancels the reading.</param>
    /// <returns>The model, or null when the specification has errors (the analyzer reports them).</returns>
    public static FluentSpecification? Read(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken) =>
        Read(context.TargetSymbol, context.TargetNode, context.SemanticModel, cancellationToken, diagnostics: null);

    /// <summary>Reads one specification member.</summary>
    /// <param name="member">The property or field.</param>
    /// <param name="declaration">Its <see cref="PropertyDeclarationSyntax"/> or <see cref="VariableDeclaratorSyntax"/>.</param>
    /// <param name="model">The semantic model of <paramref name="declaration"/>'s tree.</param>
    /// <param name="cancellationToken">Cancels the reading.</param>
    /// <param name="diagnostics">Receives every problem, warnings included; null to skip the checks that can only warn.</param>
    /// <returns>The model, or null when the specification has errors.</returns>
    public static FluentSpecification? Read(ISymbol member, SyntaxNode declaration, SemanticModel model, CancellationToken cancellationToken, List<Diagnostic>? diagnostics) =>
        ReadForAnalysis(member, declaration, model, cancellationToken, diagnostics).Specification;

    /// <summary>Like <see cref="Read(ISymbol, SyntaxNode, SemanticModel, CancellationToken, List{Diagnostic})"/>, also returning the scope for the analyzer.</summary>
    /// <remarks><paramref name="weaving"/> is the project's backend (<c>VyprWeaving</c>): with the IL backend, a scoped method declared here is observed in its own body, which sees more.</remarks>
    public static ChainReading ReadForAnalysis(ISymbol member, SyntaxNode declaration, SemanticModel model, CancellationToken cancellationToken, List<Diagnostic>? diagnostics, string weaving = Weaving.Interceptors)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var report = new ReadingReport(diagnostics, Display(member));
        var none = new ChainReading(null, null, null);
        if (!CheckMember(member, declaration, model.Compilation, report) || ValueOf(declaration, report) is not { } value)
        {
            return none;
        }

        if (model.GetOperation(value, cancellationToken) is not { } chain || HasErrors(chain))
        {
            // The compiler reports what is wrong; piling on would only add noise.
            return none;
        }

        if (ReadChain(chain, report) is not { } parts)
        {
            return none;
        }

        (IInvocationOperation forCall, List<IInvocationOperation> foralls, IInvocationOperation check) = parts;
        IArgumentOperation? nameArgument = ArgumentNamed(forCall, "method");
        ScopedMethod? scope = null;
        if (!forCall.TargetMethod.IsGenericMethod && ArgumentNamed(forCall, "declaringType")?.Value is not ITypeOfOperation)
        {
            // For(Type, ...) names static classes, which cannot be type arguments; only a typeof written in place can be read.
            SyntaxNode where = ArgumentNamed(forCall, "declaringType")?.Value.Syntax ?? forCall.Syntax;
            report.Add(
                DiagnosticDescriptors.UnreadableSpecification,
                where,
                report.Specification,
                $"For(Type, ...) must be given typeof(...) of the type that declares the scoped method, not '{CheckedTerm.WrittenOf(where)}'");
        }
        else if (ScopeTypeOf(forCall) is not INamedTypeSymbol { TypeKind: not TypeKind.Error } scopeType)
        {
            report.Add(
                DiagnosticDescriptors.UnreadableSpecification,
                forCall.Syntax,
                report.Specification,
                $"For<{DslTypes.Display(ScopeTypeOf(forCall))}> must name the class or struct that declares the scoped method");
        }
        else if (nameArgument is not null
                 && ConstantName(nameArgument.Value, "the scoped method's name", report) is { } scopeName
                 && ParameterTypes(ArgumentNamed(forCall, "parameterTypes"), report, out IReadOnlyList<ITypeSymbol>? parameterTypes))
        {
            scope = ScopedMethod.Resolve(scopeType, scopeName, parameterTypes, nameArgument.Value.Syntax, model.Compilation, report, cancellationToken);
        }

        List<SlotDraft> slots = ReadQuantifiers(foralls, report);
        if (slots.Count != foralls.Count)
        {
            return none;
        }

        CheckBindingNames(slots, foralls, report);
        if (scope is not null)
        {
            CheckVariables(slots, scope, report);
        }

        if (ArgumentNamed(check, "check")?.Value is IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda })
        {
            CheckReader.Read(lambda, slots, scope, report, cancellationToken);
        }
        else
        {
            SyntaxNode where = ArgumentNamed(check, "check")?.Value.Syntax ?? check.Syntax;
            report.Add(
                DiagnosticDescriptors.UnreadableSpecification,
                where,
                report.Specification,
                $"Check must be given a lambda written in place, not '{CheckedTerm.WrittenOf(where)}'");
        }

        if (scope is not null && report.WantsWarnings)
        {
            ScopeChecks.Check(slots, scope, report, Weaving.WeavesScope(scope.Method, model.Compilation, weaving), cancellationToken);
        }

        Location? scopeLocation = nameArgument?.Value.Syntax.GetLocation();
        if (report.HasErrors || scope is null)
        {
            return new ChainReading(null, scope?.Method, scopeLocation);
        }

        return new ChainReading(Build(member, scope.Method, slots), scope.Method, scopeLocation);
    }

    // For<T>(name) names the scope's type as a type argument; For(typeof(T), name) as an argument, for static classes.
    private static ITypeSymbol ScopeTypeOf(IInvocationOperation forCall) =>
        forCall.TargetMethod.IsGenericMethod
            ? forCall.TargetMethod.TypeArguments[0]
            : ((ITypeOfOperation)ArgumentNamed(forCall, "declaringType")!.Value).TypeOperand;

    private static FluentSpecification Build(ISymbol member, IMethodSymbol scope, List<SlotDraft> slots)
    {
        var scopeCaptures = new SortedSet<CaptureName>();
        foreach (SlotDraft slot in slots)
        {
            if (slot.Kind == SlotKind.ScopeCalls)
            {
                scopeCaptures.UnionWith(slot.Captures);
            }
            else if (slot.Kind == SlotKind.Changes && scope.Parameters.Any(p => p.Name == slot.Variable))
            {
                // A parameter's change is its value at entry, which the scoped method's call site captures.
                scopeCaptures.Add(CaptureName.Argument(slot.Variable!));
                if (slot.Captures.Contains(CaptureName.Value.OfLength()))
                {
                    scopeCaptures.Add(CaptureName.Argument(slot.Variable!).OfLength());
                }
            }
        }

        string name = SyntaxFacts.GetKeywordKind(member.Name) == SyntaxKind.None ? member.Name : "@" + member.Name;
        return new FluentSpecification(
            DocumentationCommentId.CreateDeclarationId(member) ?? Display(member),
            member.ContainingType.ToDisplayString(SymbolFormats.Code) + "." + name,
            Display(member),
            MonitoredMethodReader.KeyOf(scope),
            scope.Name,
            scope.ToDisplayString(SymbolFormats.Display),
            !scope.ReturnsVoid && DslTypes.IsTaskLike(scope.ReturnType),
            slots.Select(s => s.ToModel()).ToEquatableArray(),
            scopeCaptures.ToEquatableArray());
    }

    /// <summary>The member must be a static Specification that generated code in another file can read.</summary>
    private static bool CheckMember(ISymbol member, SyntaxNode declaration, Compilation compilation, ReadingReport report)
    {
        Location where = declaration switch
        {
            PropertyDeclarationSyntax property => property.Identifier.GetLocation(),
            VariableDeclaratorSyntax variable => variable.Identifier.GetLocation(),
            IndexerDeclarationSyntax indexer => indexer.ThisKeyword.GetLocation(),
            _ => declaration.GetLocation(),
        };
        ITypeSymbol? type = member switch
        {
            IPropertySymbol { IsIndexer: false } property => property.Type,
            IFieldSymbol field => field.Type,
            _ => null,
        };
        if (type is null)
        {
            report.Add(DiagnosticDescriptors.UnreadableSpecification, where, report.Specification, "only a static property or field can be a specification");
            return false;
        }

        if (type.TypeKind == TypeKind.Error)
        {
            return false;
        }

        string? problem = null;
        if (!DslTypes.IsVypr(type, KnownNames.SpecificationType))
        {
            problem = $"its type is '{DslTypes.Display(type)}', but a specification is a Vypr.Specification";
        }
        else if (!member.IsStatic)
        {
            problem = "it is not static; the generated code reads it without an instance, so make it static";
        }
        else if (ContainingTypes(member).FirstOrDefault(t => t.IsGenericType) is { } generic)
        {
            problem = $"it is declared in the generic type '{DslTypes.Display(generic)}', which generated code cannot name without type arguments";
        }
        else if (ContainingTypes(member).FirstOrDefault(t => t.IsFileLocal) is { } local)
        {
            problem = $"it is declared in the file-local type '{local.Name}', which generated code in another file cannot name";
        }
        else if (!compilation.IsSymbolAccessibleWithin(member, compilation.Assembly))
        {
            problem = "generated code in another file of this project registers it, so it (and the types around it) must be internal or public";
        }

        if (problem is null)
        {
            return true;
        }

        report.Add(DiagnosticDescriptors.UnreadableSpecification, where, report.Specification, problem);
        return false;
    }

    /// <summary>The expression that gives the member its value: an expression body, a getter's return, or an initializer.</summary>
    private static ExpressionSyntax? ValueOf(SyntaxNode declaration, ReadingReport report)
    {
        switch (declaration)
        {
            case VariableDeclaratorSyntax { Initializer.Value: { } initializer }:
                return initializer;
            case PropertyDeclarationSyntax { ExpressionBody.Expression: { } body }:
                return body;
            case PropertyDeclarationSyntax { Initializer.Value: { } initializer }:
                return initializer;
            case PropertyDeclarationSyntax property
                when property.AccessorList?.Accessors.FirstOrDefault(a => a.IsKind(SyntaxKind.GetAccessorDeclaration)) is { } getter
                     && (getter.Body is not null || getter.ExpressionBody is not null):
                if (getter.ExpressionBody?.Expression is { } expression)
                {
                    return expression;
                }

                if (getter.Body is { Statements.Count: 1 } block && block.Statements[0] is ReturnStatementSyntax { Expression: { } returned })
                {
                    return returned;
                }

                report.Add(
                    DiagnosticDescriptors.UnreadableSpecification,
                    getter.Body!,
                    report.Specification,
                    "its getter must be one expression or one return statement, which the generator reads without running it");
                return null;
        }

        Location where = declaration switch
        {
            VariableDeclaratorSyntax variable => variable.Identifier.GetLocation(),
            PropertyDeclarationSyntax property => property.Identifier.GetLocation(),
            _ => declaration.GetLocation(),
        };
        report.Add(
            DiagnosticDescriptors.UnreadableSpecification,
            where,
            report.Specification,
            "it has no value to read: give it an expression body (=> Specification.For<T>(...)...) or an initializer");
        return null;
    }

    /// <summary>Splits <c>For(...).Forall(...)...Check(...)</c> into its calls, or reports where the chain is not one.</summary>
    private static (IInvocationOperation For, List<IInvocationOperation> Foralls, IInvocationOperation Check)? ReadChain(IOperation chain, ReadingReport report)
    {
        if (chain is not IInvocationOperation { TargetMethod.Name: "Check" } check || !IsQuantified(check.TargetMethod.ContainingType))
        {
            NotAChain(chain, report, "it is not one fluent chain Specification.For<T>(...).Forall(...).Check(...)");
            return null;
        }

        var foralls = new List<IInvocationOperation>();
        IOperation? current = check.Instance;
        while (current is IInvocationOperation { TargetMethod.Name: "Forall" } forall
               && (IsQuantified(forall.TargetMethod.ContainingType) || DslTypes.IsVypr(forall.TargetMethod.ContainingType, "ScopedSpecification")))
        {
            foralls.Insert(0, forall);
            current = forall.Instance;
        }

        if (current is IInvocationOperation { TargetMethod.Name: "For" } start
            && DslTypes.IsVypr(start.TargetMethod.ContainingType, KnownNames.SpecificationType))
        {
            return (start, foralls, check);
        }

        NotAChain(current ?? check, report, "the chain must run in one piece from Specification.For<T>(...) or Specification.For(typeof(T), ...) through Forall(...) to Check(...)");
        return null;
    }

    private static void NotAChain(IOperation operation, ReadingReport report, string rule)
    {
        string written = CheckedTerm.WrittenOf(operation.Syntax);
        string why = operation switch
        {
            ILocalReferenceOperation or IFieldReferenceOperation or IPropertyReferenceOperation or IParameterReferenceOperation =>
                $"'{written}' is read from a variable, field or property; {rule}",
            IConditionalOperation or ISwitchExpressionOperation or ICoalesceOperation =>
                $"'{written}' chooses at run time; {rule}",
            IInvocationOperation call when !DslTypes.IsVyprNamespace(call.TargetMethod.ContainingType) =>
                $"'{written}' calls '{call.TargetMethod.ToDisplayString(SymbolFormats.Display)}', which the generator cannot look into; {rule}",
            _ => $"'{written}' cannot be read; {rule}",
        };
        report.Add(DiagnosticDescriptors.UnreadableSpecification, operation.Syntax, report.Specification, why);
    }

    private static List<SlotDraft> ReadQuantifiers(List<IInvocationOperation> foralls, ReadingReport report)
    {
        var slots = new List<SlotDraft>();
        foreach (IInvocationOperation forall in foralls)
        {
            string? name = ArgumentNamed(forall, "name") is { } nameArgument ? ConstantName(nameArgument.Value, "the binding name", report) : null;
            IOperation? quantifier = ArgumentNamed(forall, "quantifier")?.Value;
            if (name is null || quantifier is null || ReadQuantifier(slots.Count, name, quantifier, report) is not { } slot)
            {
                continue;
            }

            slots.Add(slot);
        }

        return slots;
    }

    private static SlotDraft? ReadQuantifier(int index, string name, IOperation quantifier, ReadingReport report)
    {
        string? after = null;
        if (quantifier is IInvocationOperation { TargetMethod.Name: "After" } restricted
            && (DslTypes.IsVypr(restricted.TargetMethod.ContainingType, "CallQuantifier") || DslTypes.IsVypr(restricted.TargetMethod.ContainingType, "ChangeQuantifier")))
        {
            if (restricted.Instance is IInvocationOperation { TargetMethod.Name: "After" } twice)
            {
                report.Add(DiagnosticDescriptors.UnreadableSpecification, twice.Syntax, report.Specification, "After is given twice; give it once");
                return null;
            }

            after = ConstantName(restricted.Arguments[0].Value, "the binding After names", report);
            if (after is null || restricted.Instance is null)
            {
                return null;
            }

            quantifier = restricted.Instance;
        }

        SlotDraft? slot = null;
        if (quantifier is IInvocationOperation call)
        {
            IMethodSymbol method = call.TargetMethod;
            bool calls = DslTypes.IsVypr(method.ContainingType, "Calls");
            bool changes = DslTypes.IsVypr(method.ContainingType, "Changes");
            switch (method.Name)
            {
                case "To" when calls && call.Arguments.Length == 1:
                    slot = CallsTo(index, name, call, report);
                    if (slot is null)
                    {
                        return null;
                    }

                    break;
                case "OfScope" when calls:
                    slot = new SlotDraft(index, name, SlotKind.ScopeCalls);
                    break;
                case "Of" when changes && call.Arguments.Length == 1:
                    string? variable = ConstantName(call.Arguments[0].Value, "the variable name", report);
                    if (variable is null)
                    {
                        return null;
                    }

                    slot = new SlotDraft(index, name, SlotKind.Changes) { Variable = variable, TargetSyntax = call.Arguments[0].Value.Syntax };
                    break;
            }
        }

        if (slot is null)
        {
            report.Add(
                DiagnosticDescriptors.UnreadableSpecification,
                quantifier.Syntax,
                report.Specification,
                $"'{CheckedTerm.WrittenOf(quantifier.Syntax)}' is not a quantifier the generator can read; write Calls.To<T>(nameof(T.M)), Calls.To(\"M\"), Calls.OfScope() or Changes.Of(\"x\") in place");
            return null;
        }

        slot.AfterName = after;
        return slot;
    }

    private static SlotDraft? CallsTo(int index, string name, IInvocationOperation call, ReadingReport report)
    {
        string? method = ConstantName(call.Arguments[0].Value, "the method name", report);
        if (method is null)
        {
            return null;
        }

        INamedTypeSymbol? type = null;
        string? declaringType = null;
        if (call.TargetMethod.IsGenericMethod)
        {
            ITypeSymbol argument = call.TargetMethod.TypeArguments[0];
            type = argument as INamedTypeSymbol;
            declaringType = type is null ? null : DslTypes.RuntimeFullName(type);
            if (declaringType is null)
            {
                report.Add(
                    DiagnosticDescriptors.UnreadableSpecification,
                    call.Syntax,
                    report.Specification,
                    $"'{DslTypes.Display(argument)}' is not a class, struct or interface whose methods can be called");
                return null;
            }
        }

        return new SlotDraft(index, name, SlotKind.Calls)
        {
            Method = method,
            Type = type,
            DeclaringType = declaringType,
            TargetSyntax = call.Arguments[0].Value.Syntax,
        };
    }

    /// <summary>Binding names are unique, and <c>After</c> names a binding declared earlier (SpecificationDraft.With refuses anything else).</summary>
    private static void CheckBindingNames(List<SlotDraft> slots, List<IInvocationOperation> foralls, ReadingReport report)
    {
        for (int i = 0; i < slots.Count; i++)
        {
            SlotDraft slot = slots[i];
            IInvocationOperation forall = foralls[i];
            if (slots.Take(i).Any(s => s.Name == slot.Name))
            {
                report.Add(DiagnosticDescriptors.DuplicateBindingName, ArgumentNamed(forall, "name")!.Value.Syntax, slot.Name, report.Specification);
            }

            if (slot.AfterName is not { } after)
            {
                continue;
            }

            slot.AfterSlot = slots.FindIndex(0, i, s => s.Name == after);
            if (slot.AfterSlot >= 0)
            {
                continue;
            }

            string why = after == slot.Name
                ? "a binding cannot come after itself"
                : slots.Skip(i + 1).Any(s => s.Name == after)
                    ? $"'{after}' is declared after it"
                    : $"'{report.Specification}' has no binding named '{after}'";
            SyntaxNode where = ArgumentNamed(forall, "quantifier")!.Value is IInvocationOperation { TargetMethod.Name: "After" } restricted
                ? restricted.Arguments[0].Value.Syntax
                : forall.Syntax;
            report.Add(DiagnosticDescriptors.WrongAfterBinding, where, slot.Name, after, why);
        }
    }

    /// <summary>Every <c>Changes.Of(x)</c> names a parameter, local or field of the scoped method.</summary>
    private static void CheckVariables(List<SlotDraft> slots, ScopedMethod scope, ReadingReport report)
    {
        foreach (SlotDraft slot in slots)
        {
            if (slot.Variable is not { } variable || slot.TargetSyntax is not { } where || scope.Variables(variable).Count > 0)
            {
                continue;
            }

            string hint = string.Empty;
            if (scope.NonVariableNamed(variable) is { } other)
            {
                hint = $" ('{variable}' is {ScopedMethod.KindOf(other)}; Changes.Of observes parameters, locals and fields)";
            }
            else if (scope.Bodies.Any(b => b.Body.DescendantNodes().Any(n => n is VariableDeclaratorSyntax d && d.Identifier.ValueText == variable)))
            {
                hint = $" (a '{variable}' declared in a lambda or local function inside it is not part of the scope)";
            }

            report.Add(DiagnosticDescriptors.UnknownVariable, where, variable, scope.Display, hint);
        }
    }

    private static bool ParameterTypes(IArgumentOperation? argument, ReadingReport report, out IReadOnlyList<ITypeSymbol>? types)
    {
        types = null;
        if (argument is null)
        {
            return true;
        }

        IEnumerable<IOperation>? elements = argument.Value switch
        {
            IArrayCreationOperation { Initializer: { } initializer } => initializer.ElementValues,
            IArrayCreationOperation => [],
            ICollectionExpressionOperation collection => collection.Elements,
            _ => null,
        };
        if (elements is null)
        {
            report.Add(
                DiagnosticDescriptors.UnreadableSpecification,
                argument.Value.Syntax,
                report.Specification,
                $"the parameter types must be written as typeof(...) arguments, not '{CheckedTerm.WrittenOf(argument.Value.Syntax)}'");
            return false;
        }

        var found = new List<ITypeSymbol>();
        foreach (IOperation element in elements)
        {
            IOperation value = element is IConversionOperation conversion ? conversion.Operand : element;
            if (value is not ITypeOfOperation { TypeOperand: var type })
            {
                report.Add(
                    DiagnosticDescriptors.UnreadableSpecification,
                    element.Syntax,
                    report.Specification,
                    $"the parameter types must be written as typeof(...) arguments, not '{CheckedTerm.WrittenOf(element.Syntax)}'");
                return false;
            }

            found.Add(type);
        }

        // No types means "not overloaded", as the runtime reads an empty params array.
        types = found.Count == 0 ? null : found;
        return true;
    }

    private static string? ConstantName(IOperation value, string what, ReadingReport report)
    {
        if (value.ConstantValue is { HasValue: true, Value: string name } && name.Trim().Length > 0)
        {
            return name;
        }

        report.Add(
            DiagnosticDescriptors.UnreadableSpecification,
            value.Syntax,
            report.Specification,
            value.ConstantValue.HasValue
                ? $"{what} is empty"
                : $"{what} must be a constant string (a literal or nameof), not '{CheckedTerm.WrittenOf(value.Syntax)}'");
        return null;
    }

    private static IArgumentOperation? ArgumentNamed(IInvocationOperation invocation, string parameter) =>
        invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == parameter);

    private static bool IsQuantified(INamedTypeSymbol type) =>
        DslTypes.IsVypr(type, "Quantified`1") || DslTypes.IsVypr(type, "Quantified`2") || DslTypes.IsVypr(type, "Quantified`3");

    private static bool HasErrors(IOperation operation) =>
        operation is IInvalidOperation || operation.Descendants().Any(d => d is IInvalidOperation);

    private static IEnumerable<INamedTypeSymbol> ContainingTypes(ISymbol member)
    {
        for (INamedTypeSymbol? type = member.ContainingType; type is not null; type = type.ContainingType)
        {
            yield return type;
        }
    }

    private static string Display(ISymbol member) =>
        member.ContainingType is null ? member.Name : member.ContainingType.ToDisplayString(SymbolFormats.Display) + "." + member.Name;
}
