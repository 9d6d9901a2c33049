using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Vypr.Formulas;
using Vypr.Generators.Analyzers;
using Vypr.Generators.Model;

namespace Vypr.Generators;

/// <summary>
/// Reads a specification's Check lambda without running it, the way the runtime DSL would build it: lambda
/// parameters are the explicit slots by position; each distinct <c>NextCall</c> appends an implicit slot in
/// evaluation order (the order <c>SpecificationDraft.NextCall</c> sees them); every measured value an atom reads
/// becomes a capture of its slot. Along the way it checks that terms are of compatible kinds, that measured
/// arguments and results exist, and that no interval or conjunction is empty.
/// </summary>
internal sealed class CheckReader
{
    private const string DurationTermType = "DurationTerm";
    private const string ValueTermType = "ValueTerm";
    private const string FormulaType = "Formula";

    private readonly IAnonymousFunctionOperation _lambda;
    private readonly List<SlotDraft> _slots;
    private readonly ScopedMethod? _scope;
    private readonly ReadingReport _report;
    private readonly CancellationToken _cancellationToken;
    private readonly Dictionary<int, IReadOnlyList<IMethodSymbol>> _candidates = [];

    private CheckReader(IAnonymousFunctionOperation lambda, List<SlotDraft> slots, ScopedMethod? scope, ReadingReport report, CancellationToken cancellationToken)
    {
        _lambda = lambda;
        _slots = slots;
        _scope = scope;
        _report = report;
        _cancellationToken = cancellationToken;
    }

    /// <summary>
    /// Reads <paramref name="lambda"/>, appending its <c>NextCall</c> slots to <paramref name="slots"/> and adding
    /// captures to every slot it reads.
    /// </summary>
    /// <param name="lambda">The Check lambda.</param>
    /// <param name="slots">The explicit slots, in order; implicit ones are appended.</param>
    /// <param name="scope">The scoped method, or null when it could not be resolved (type checks that need it are skipped).</param>
    /// <param name="report">Where problems go.</param>
    /// <param name="cancellationToken">Cancels the reading.</param>
    public static void Read(IAnonymousFunctionOperation lambda, List<SlotDraft> slots, ScopedMethod? scope, ReadingReport report, CancellationToken cancellationToken)
    {
        var reader = new CheckReader(lambda, slots, scope, report, cancellationToken);
        var statements = lambda.Body.Operations;
        if (statements.Length != 1 || statements[0] is not IReturnOperation { ReturnedValue: { } returned })
        {
            IOperation first = statements.FirstOrDefault(s => s is not IReturnOperation) ?? lambda.Body;
            reader.Unreadable(first.Syntax, $"the Check lambda must be one expression (or one return statement), not '{CheckedTerm.WrittenOf(first.Syntax)}'");
            return;
        }

        reader.Evaluate(returned);
    }

    private CheckedTerm Evaluate(IOperation operation)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        switch (operation)
        {
            case IConversionOperation { OperatorMethod: { } conversion } converted
                when DslTypes.IsVyprMethod(conversion, "StateBinding", "op_Implicit"):
                return StateMoment(Evaluate(converted.Operand), operation.Syntax);
            case IConversionOperation { OperatorMethod: null } converted when !operation.ConstantValue.HasValue:
                return Evaluate(converted.Operand);
            case IParameterReferenceOperation reference when SlotOf(reference.Parameter) is int slot:
                return new CheckedTerm(TermShape.Binding, operation.Syntax) { Slot = slot, IsCallBinding = _slots[slot].IsCall };
            case IInvocationOperation invocation when DslTypes.IsVyprNamespace(invocation.TargetMethod.ContainingType):
                return Invoke(invocation);
            case IBinaryOperation { OperatorMethod: { } method } binary when DslTypes.IsVyprNamespace(method.ContainingType):
                return Binary(binary, binary.OperatorKind, Evaluate(binary.LeftOperand), Evaluate(binary.RightOperand));
            case IUnaryOperation { OperatorMethod: { } method } unary when DslTypes.IsVypr(method.ContainingType, FormulaType):
                Evaluate(unary.Operand);
                return new CheckedTerm(TermShape.Formula, operation.Syntax);
        }

        if (operation.ConstantValue.HasValue)
        {
            return Constant(operation);
        }

        return PlainValue(operation);
    }

    // Anything that is not a DSL construct must be an ordinary value that does not depend on the bindings: the
    // generator cannot see into it, so it must not hide terms, NextCalls or formulas.
    private CheckedTerm PlainValue(IOperation operation)
    {
        bool readsBindings = operation.Descendants().Any(d => d is IParameterReferenceOperation p && SlotOf(p.Parameter) is not null);
        if (readsBindings || IsDslValue(operation.Type))
        {
            string written = CheckedTerm.WrittenOf(operation.Syntax);
            string why = operation switch
            {
                IConditionalOperation or ISwitchExpressionOperation or ICoalesceOperation =>
                    $"'{written}' chooses a formula at run time, but the generator reads every term without running the lambda; combine both with Formula.If(...).Then(...), & or | instead",
                ILocalReferenceOperation or IFieldReferenceOperation or IPropertyReferenceOperation { Instance: null } =>
                    $"'{written}' is built elsewhere; write the terms and formulas in the Check lambda itself",
                IInvocationOperation call =>
                    $"'{written}' calls '{call.TargetMethod.ToDisplayString(SymbolFormats.Display)}', which the generator cannot look into; write the formula in the Check lambda itself",
                _ => $"'{written}' is not a Vypr term, formula or constant the generator can read",
            };
            Unreadable(operation.Syntax, why);
            return new CheckedTerm(TermShape.Opaque, operation.Syntax);
        }

        return new CheckedTerm(ShapeOfPlain(operation.Type), operation.Syntax);
    }

    private CheckedTerm Constant(IOperation operation)
    {
        object? value = operation.ConstantValue.Value;
        if (operation.Type is { SpecialType: SpecialType.System_String } || value is string)
        {
            return new CheckedTerm(TermShape.Text, operation.Syntax) { Text = value as string, IsKnownText = true };
        }

        if (DslTypes.IsVypr(operation.Type, "DurationUnit") && value is int unit)
        {
            return new CheckedTerm(TermShape.Unit, operation.Syntax) { Number = NanosecondsPer(unit) };
        }

        if (value is not null and not bool and not char && ShapeOfPlain(operation.Type) == TermShape.Number)
        {
            return new CheckedTerm(TermShape.Number, operation.Syntax) { Number = Convert.ToDouble(value, CultureInfo.InvariantCulture) };
        }

        return new CheckedTerm(ShapeOfPlain(operation.Type), operation.Syntax);
    }

    private CheckedTerm Invoke(IInvocationOperation invocation)
    {
        IMethodSymbol method = invocation.TargetMethod;
        CheckedTerm? receiver = invocation.Instance is { } instance ? Evaluate(instance) : null;

        // Arguments are evaluated in order only when a case asks, as the call would: receiver first.
        IOperation Argument(int index) => invocation.Arguments[index].Value;
        SyntaxNode syntax = invocation.Syntax;
        switch (method.ContainingType.MetadataName, method.Name)
        {
            case ("CallBinding", "Duration"):
                return OnBinding(receiver, call: true, syntax, slot => new CheckedTerm(TermShape.Duration, syntax) { Key = slot + ".Duration()" });
            case ("CallBinding", "Start" or "End"):
                return OnBinding(receiver, call: true, syntax, slot => new CheckedTerm(TermShape.Moment, syntax) { Key = slot + "." + method.Name + "()" });
            case ("CallBinding", "Argument"):
                {
                    string? parameter = ConstantName(Argument(0), "the parameter name");
                    return OnBinding(receiver, call: true, syntax, slot => parameter is null ? Opaque(syntax) : MeasuredArgument(slot, parameter, syntax));
                }

            case ("CallBinding", "Result"):
                return OnBinding(receiver, call: true, syntax, slot => MeasuredResult(slot, syntax));
            case ("StateBinding", "Value"):
                return OnBinding(receiver, call: false, syntax, slot => Measured(slot, CaptureName.Value, "Value()", VariableTypes(slot), syntax));
            case ("StateBinding", "NextCall"):
                {
                    string? name = ConstantName(Argument(0), "the method name");
                    return OnBinding(receiver, call: false, syntax, slot => name is null ? Opaque(syntax) : NextCall(slot, name, method, invocation.Arguments[0].Value.Syntax, syntax));
                }

            case (ValueTermType, "Length"):
                return Length(receiver!, syntax);
            case (ValueTermType, "AsDuration"):
                return AsDuration(receiver!, Evaluate(Argument(0)), syntax);
            case (ValueTermType or DurationTermType, "In"):
                return In(receiver!, Evaluate(Argument(0)), syntax);
            case ("Interval", "Closed" or "Open" or "ClosedOpen" or "OpenClosed"):
                return Interval(method.Name, Evaluate(Argument(0)), Evaluate(Argument(1)), syntax);
            case (FormulaType, "If"):
                {
                    CheckedTerm condition = Evaluate(Argument(0));
                    return new CheckedTerm(TermShape.IfClause, syntax) { Flagged = condition.Flagged };
                }

            case ("IfClause", "Then"):
                Evaluate(Argument(0));
                return new CheckedTerm(TermShape.Formula, syntax);
            case (FormulaType, "And"):
                return Binary(invocation, BinaryOperatorKind.And, Evaluate(Argument(0)), Evaluate(Argument(1)));
            case (FormulaType, "Or"):
                return Binary(invocation, BinaryOperatorKind.Or, Evaluate(Argument(0)), Evaluate(Argument(1)));
            case (FormulaType, "Not"):
                Evaluate(Argument(0));
                return new CheckedTerm(TermShape.Formula, syntax);
            case ("Time", "Between"):
                {
                    CheckedTerm from = Evaluate(Argument(0));
                    CheckedTerm to = Evaluate(Argument(1));
                    return from.Shape == TermShape.Moment && to.Shape == TermShape.Moment
                        ? new CheckedTerm(TermShape.Duration, syntax) { Key = "(" + to.Key + " - " + from.Key + ")" }
                        : Opaque(syntax);
                }

            case ("Duration", "Nanoseconds" or "Microseconds" or "Milliseconds" or "Seconds" or "Minutes" or "Of"):
                return DurationConstant(method.Name, invocation.Arguments.Select(a => Evaluate(a.Value)).ToList(), syntax);
        }

        foreach (IArgumentOperation argument in invocation.Arguments)
        {
            Evaluate(argument.Value);
        }

        Unreadable(syntax, $"'{CheckedTerm.WrittenOf(syntax)}' is not a Vypr term, formula or constant the generator can read inside Check");
        return Opaque(syntax);
    }

    private CheckedTerm Binary(IOperation operation, BinaryOperatorKind kind, CheckedTerm left, CheckedTerm right)
    {
        SyntaxNode syntax = operation.Syntax;
        switch (kind)
        {
            case BinaryOperatorKind.And:
                return Conjunction(left, right, syntax);
            case BinaryOperatorKind.Or:
                return new CheckedTerm(TermShape.Formula, syntax) { Flagged = left.Flagged && right.Flagged };
            case BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual or BinaryOperatorKind.GreaterThan
                or BinaryOperatorKind.GreaterThanOrEqual or BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals:
                return Comparison(kind, left, right, syntax);
            case BinaryOperatorKind.Add or BinaryOperatorKind.Subtract or BinaryOperatorKind.Multiply or BinaryOperatorKind.Divide:
                return Arithmetic(kind, left, right, syntax);
            default:
                Unreadable(syntax, $"'{CheckedTerm.WrittenOf(syntax)}' is not an operator of Vypr terms or formulas");
                return Opaque(syntax);
        }
    }

    private CheckedTerm Conjunction(CheckedTerm left, CheckedTerm right, SyntaxNode syntax)
    {
        var conjuncts = left.Conjuncts.Concat(right.Conjuncts).ToList();
        bool flagged = left.Flagged || right.Flagged;
        if (!flagged && Contradictions.Find(conjuncts) is { } pair)
        {
            _report.Add(
                DiagnosticDescriptors.NeverHolds,
                syntax,
                CheckedTerm.WrittenOf(syntax),
                _report.Specification,
                $"'{pair.First.Written}' and '{pair.Second.Written}' exclude each other");
            flagged = true;
        }

        return new CheckedTerm(TermShape.Formula, syntax) { Conjuncts = conjuncts, Flagged = flagged };
    }

    private CheckedTerm Comparison(BinaryOperatorKind kind, CheckedTerm left, CheckedTerm right, SyntaxNode syntax)
    {
        bool ordering = kind is not (BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals);
        if (left.Shape == TermShape.Value)
        {
            string? problem = right.Shape switch
            {
                TermShape.Number when IsTextLike(left) =>
                    $"'{left.Written}' is {left.Describe()}; it cannot be compared with a number",
                TermShape.Text when left.Class == ValueClass.Number =>
                    $"'{left.Written}' is {left.Describe()}; it cannot be compared with a text",
                TermShape.Value when ordering && (IsTextLike(left) || IsTextLike(right)) =>
                    $"'{(IsTextLike(left) ? left : right).Written}' is {(IsTextLike(left) ? left : right).Describe()}; texts compare only with == and !=",
                TermShape.Value when (left.Class == ValueClass.Number && IsTextLike(right)) || (IsTextLike(left) && right.Class == ValueClass.Number) =>
                    $"'{left.Written}' is {left.Describe()} and '{right.Written}' is {right.Describe()}",
                _ => null,
            };
            if (problem is not null)
            {
                _report.Add(DiagnosticDescriptors.IncompatibleTerms, syntax, CheckedTerm.WrittenOf(syntax), _report.Specification, problem);
            }
        }

        if (left.Shape is not (TermShape.Value or TermShape.Duration))
        {
            return Opaque(syntax, TermShape.Formula);
        }

        Capture(left);
        Capture(right);
        BoundAtom? atom = null;
        bool flagged = false;
        if (right.Number is double bound && right.Shape is TermShape.Number or TermShape.DurationConstant)
        {
            atom = RangeOf(kind, left.Key, bound, syntax);
            if (double.IsNaN(bound) && kind != BinaryOperatorKind.NotEquals)
            {
                _report.Add(DiagnosticDescriptors.NeverHolds, syntax, CheckedTerm.WrittenOf(syntax), _report.Specification, "NaN compares false with every value");
                flagged = true;
                atom = null;
            }
        }
        else if (right is { Shape: TermShape.Text, IsKnownText: true } && kind == BinaryOperatorKind.Equals)
        {
            atom = new BoundAtom(left.Key, CheckedTerm.WrittenOf(syntax), double.NegativeInfinity, false, double.PositiveInfinity, false, null, right.Text, IsText: true);
        }

        return new CheckedTerm(TermShape.Formula, syntax) { Conjuncts = atom is null ? [] : [atom], Flagged = flagged };
    }

    private CheckedTerm Arithmetic(BinaryOperatorKind kind, CheckedTerm left, CheckedTerm right, SyntaxNode syntax)
    {
        TermShape shape = left.Shape == TermShape.Duration || right.Shape == TermShape.Duration
            ? TermShape.Duration
            : TermShape.Value;
        CheckedTerm? text = new[] { left, right }.FirstOrDefault(t => t.Shape == TermShape.Value && IsTextLike(t));
        if (text is not null)
        {
            _report.Add(
                DiagnosticDescriptors.IncompatibleTerms,
                syntax,
                CheckedTerm.WrittenOf(syntax),
                _report.Specification,
                $"'{text.Written}' is {text.Describe()}; arithmetic needs numbers");
        }

        if (left.Shape == TermShape.Opaque || right.Shape == TermShape.Opaque)
        {
            return Opaque(syntax, shape);
        }

        string symbol = kind switch
        {
            BinaryOperatorKind.Add => "+",
            BinaryOperatorKind.Subtract => "-",
            BinaryOperatorKind.Multiply => "*",
            _ => "/",
        };
        bool numbers = left.Class == ValueClass.Number || left.Shape == TermShape.Number;
        numbers &= right.Class == ValueClass.Number || right.Shape == TermShape.Number;
        return new CheckedTerm(shape, syntax)
        {
            Key = "(" + KeyOf(left) + " " + symbol + " " + KeyOf(right) + ")",
            Reads = left.Reads.Concat(right.Reads).ToList(),
            Class = text is null && numbers ? ValueClass.Number : ValueClass.Unknown,
        };
    }

    // A text where only a number will do (an interval, a duration): VYPR0011 at the term, saying what was needed.
    private void RefuseText(CheckedTerm receiver, SyntaxNode syntax, string why)
    {
        if (receiver.Shape == TermShape.Value && IsTextLike(receiver))
        {
            _report.Add(
                DiagnosticDescriptors.IncompatibleTerms,
                syntax,
                CheckedTerm.WrittenOf(syntax),
                _report.Specification,
                $"'{receiver.Written}' is {receiver.Describe()}{why}");
        }
    }

    private CheckedTerm In(CheckedTerm receiver, CheckedTerm interval, SyntaxNode syntax)
    {
        RefuseText(receiver, syntax, "; only numbers lie in intervals");

        if (receiver.Shape is not (TermShape.Value or TermShape.Duration))
        {
            return Opaque(syntax, TermShape.Formula);
        }

        Capture(receiver);
        BoundAtom? atom = interval.Bounds is { } bounds && !interval.Flagged
            ? bounds with { TermKey = receiver.Key, Written = CheckedTerm.WrittenOf(syntax) }
            : null;
        return new CheckedTerm(TermShape.Formula, syntax) { Conjuncts = atom is null ? [] : [atom], Flagged = interval.Flagged };
    }

    private CheckedTerm Interval(string form, CheckedTerm lower, CheckedTerm upper, SyntaxNode syntax)
    {
        if (lower.Number is not double low || upper.Number is not double high)
        {
            return new CheckedTerm(TermShape.Interval, syntax);
        }

        bool lowerClosed = form is "Closed" or "ClosedOpen";
        bool upperClosed = form is "Closed" or "OpenClosed";
        var bounds = new BoundAtom(string.Empty, CheckedTerm.WrittenOf(syntax), low, lowerClosed, high, upperClosed, null, null, IsText: false);
        if (!bounds.IsEmpty)
        {
            return new CheckedTerm(TermShape.Interval, syntax) { Bounds = bounds };
        }

        bool durations = lower.Shape == TermShape.DurationConstant;
        string Show(double value) => durations ? Vypr.DurationText.FormatNanoseconds(value) : value.ToString("R", CultureInfo.InvariantCulture);
        string why = double.IsNaN(low) || double.IsNaN(high)
            ? "the interval is empty: an end is NaN"
            : low > high
                ? $"the interval is empty: its lower end {Show(low)} is above its upper end {Show(high)}"
                : $"the interval is empty: both ends are {Show(low)} but they are not both included (use Interval.Closed)";
        _report.Add(DiagnosticDescriptors.NeverHolds, syntax, CheckedTerm.WrittenOf(syntax), _report.Specification, why);
        return new CheckedTerm(TermShape.Interval, syntax) { Flagged = true };
    }

    private CheckedTerm Length(CheckedTerm receiver, SyntaxNode syntax)
    {
        if (receiver.Shape != TermShape.Value)
        {
            return Opaque(syntax, TermShape.Value);
        }

        if (receiver.MeasuredCapture is not { } capture)
        {
            _report.Add(
                DiagnosticDescriptors.IncompatibleTerms,
                syntax,
                CheckedTerm.WrittenOf(syntax),
                _report.Specification,
                $"'{receiver.Written}' has no length: Length() applies to a measured value (Value(), Argument(...) or Result()), once");
            return Opaque(syntax, TermShape.Value);
        }

        ITypeSymbol[] withoutLength = receiver.Types.Where(t => !DslTypes.HasLength(t)).ToArray();
        if (withoutLength.Length > 0)
        {
            string types = string.Join(" or ", withoutLength.Select(DslTypes.Display).Distinct());
            _report.Add(
                DiagnosticDescriptors.IncompatibleTerms,
                syntax,
                CheckedTerm.WrittenOf(syntax),
                _report.Specification,
                $"'{receiver.Written}' is a '{types}', which has no Length or Count");
        }

        return new CheckedTerm(TermShape.Value, syntax)
        {
            Slot = receiver.Slot,
            Key = receiver.Key + ".Length()",
            Reads = [(receiver.Slot, capture.OfLength())],
            Class = ValueClass.Number,
        };
    }

    private CheckedTerm AsDuration(CheckedTerm receiver, CheckedTerm unit, SyntaxNode syntax)
    {
        RefuseText(receiver, syntax, ", not a number, so it cannot be read as a duration");

        if (receiver.Shape != TermShape.Value)
        {
            return Opaque(syntax, TermShape.Duration);
        }

        string factor = unit.Number is double nanoseconds ? nanoseconds.ToString("R", CultureInfo.InvariantCulture) : CheckedTerm.WrittenOf(unit.Syntax);
        return new CheckedTerm(TermShape.Duration, syntax)
        {
            Key = "(" + receiver.Key + " * " + factor + "ns)",
            Reads = receiver.Reads,
        };
    }

    private CheckedTerm DurationConstant(string unit, List<CheckedTerm> arguments, SyntaxNode syntax)
    {
        double? factor = unit switch
        {
            "Nanoseconds" => 1,
            "Microseconds" => 1e3,
            "Milliseconds" => 1e6,
            "Seconds" => 1e9,
            "Minutes" => 60e9,
            _ => arguments.Count > 1 ? arguments[1].Number : null,
        };
        return new CheckedTerm(TermShape.DurationConstant, syntax)
        {
            Number = arguments.Count > 0 && arguments[0].Number is double value && factor is double scale ? value * scale : null,
        };
    }

    private CheckedTerm StateMoment(CheckedTerm state, SyntaxNode syntax) =>
        state is { Shape: TermShape.Binding, IsCallBinding: false }
            ? new CheckedTerm(TermShape.Moment, syntax) { Key = state.Slot + ".End()" }
            : Opaque(syntax, TermShape.Moment);

    private CheckedTerm NextCall(int stateSlot, string method, IMethodSymbol nextCall, SyntaxNode nameSyntax, SyntaxNode syntax)
    {
        INamedTypeSymbol? type = null;
        string? declaringType = null;
        if (nextCall.IsGenericMethod)
        {
            type = nextCall.TypeArguments[0] as INamedTypeSymbol;
            declaringType = type is null ? null : DslTypes.RuntimeFullName(type);
            if (declaringType is null)
            {
                Unreadable(syntax, $"'{DslTypes.Display(nextCall.TypeArguments[0])}' is not a class, struct or interface whose methods can be called");
                return Opaque(syntax);
            }
        }

        // The same NextCall written twice is one slot, as SpecificationDraft.NextCall finds the existing one.
        SlotDraft? slot = _slots.FirstOrDefault(s => s.IsNextCall && s.AfterSlot == stateSlot && s.Method == method && s.DeclaringType == declaringType);
        if (slot is null)
        {
            SlotDraft state = _slots[stateSlot];
            string name = state.Name + ".NextCall(" + (declaringType is null ? string.Empty : DslTypes.ShortName(declaringType) + ".") + method + ")";
            slot = new SlotDraft(_slots.Count, name, SlotKind.Calls)
            {
                Method = method,
                Type = type,
                DeclaringType = declaringType,
                AfterName = state.Name,
                AfterSlot = stateSlot,
                IsNextCall = true,
                TargetSyntax = nameSyntax,
            };
            _slots.Add(slot);
        }

        return new CheckedTerm(TermShape.Binding, syntax) { Slot = slot.Index, IsCallBinding = true };
    }

    private CheckedTerm MeasuredArgument(int slot, string parameter, SyntaxNode syntax)
    {
        IReadOnlyList<IMethodSymbol> candidates = Candidates(slot);
        var types = candidates.SelectMany(m => m.Parameters).Where(p => p.Name == parameter).Select(p => p.Type).ToList();
        if (candidates.Count > 0 && types.Count == 0)
        {
            string parameters = string.Join(", ", candidates.SelectMany(m => m.Parameters).Select(p => p.Name).Distinct());
            _report.Add(
                DiagnosticDescriptors.MissingMeasurement,
                syntax,
                CheckedTerm.WrittenOf(syntax),
                _report.Specification,
                (candidates.Count == 1
                    ? $"{Describe(candidates)} has no parameter named '{parameter}'"
                    : $"none of {Describe(candidates)} has a parameter named '{parameter}'")
                + (parameters.Length == 0 ? " (they have no parameters)" : $"; the parameters are {parameters}"));
        }

        return Measured(slot, CaptureName.Argument(parameter), "Argument(" + parameter + ")", types, syntax);
    }

    private CheckedTerm MeasuredResult(int slot, SyntaxNode syntax)
    {
        IReadOnlyList<IMethodSymbol> candidates = Candidates(slot);
        var types = candidates.Select(DslTypes.ResultType).OfType<ITypeSymbol>().ToList();
        if (candidates.Count > 0 && types.Count == 0)
        {
            _report.Add(
                DiagnosticDescriptors.MissingMeasurement,
                syntax,
                CheckedTerm.WrittenOf(syntax),
                _report.Specification,
                candidates.Count == 1
                    ? $"{Describe(candidates)} returns no value, so its calls have no result"
                    : $"none of {Describe(candidates)} returns a value, so their calls have no result");
        }

        return Measured(slot, CaptureName.Result, "Result()", types, syntax);
    }

    private static CheckedTerm Measured(int slot, CaptureName capture, string read, IReadOnlyList<ITypeSymbol> types, SyntaxNode syntax) =>
        new(TermShape.Value, syntax)
        {
            Slot = slot,
            Key = slot + "." + read,
            Reads = [(slot, capture)],
            Types = types,
            Class = DslTypes.Classify(types),
            MeasuredCapture = capture,
        };

    private IReadOnlyList<IMethodSymbol> Candidates(int slot)
    {
        if (_candidates.TryGetValue(slot, out IReadOnlyList<IMethodSymbol>? known))
        {
            return known;
        }

        SlotDraft draft = _slots[slot];
        IReadOnlyList<IMethodSymbol> found = draft.Kind switch
        {
            SlotKind.ScopeCalls when _scope is not null => [_scope.Method],
            SlotKind.Calls when draft.Method is { } method && draft.Type is { } type =>
                ScopedMethod.MembersNamed(type, method).OfType<IMethodSymbol>().Where(m => m.MethodKind == MethodKind.Ordinary).ToList(),
            SlotKind.Calls when draft.Method is { } method && _scope is not null => _scope.Candidates(method, null),
            _ => [],
        };
        _candidates[slot] = found;
        return found;
    }

    private IReadOnlyList<ITypeSymbol> VariableTypes(int slot)
    {
        if (_scope is null || _slots[slot].Variable is not { } variable)
        {
            return [];
        }

        return _scope.Variables(variable)
            .Select(v => v switch
            {
                IParameterSymbol parameter => parameter.Type,
                ILocalSymbol local => local.Type,
                IFieldSymbol field => field.Type,
                _ => null,
            })
            .OfType<ITypeSymbol>()
            .ToList();
    }

    private static CheckedTerm OnBinding(CheckedTerm? receiver, bool call, SyntaxNode syntax, Func<int, CheckedTerm> read) =>
        receiver is { Shape: TermShape.Binding } binding && binding.IsCallBinding == call
            ? read(binding.Slot)
            : Opaque(syntax);

    private void Capture(CheckedTerm term)
    {
        foreach ((int slot, CaptureName capture) in term.Reads)
        {
            _slots[slot].Captures.Add(capture);
        }
    }

    private string? ConstantName(IOperation argument, string what)
    {
        if (argument.ConstantValue is { HasValue: true, Value: string name } && name.Trim().Length > 0)
        {
            return name;
        }

        Unreadable(
            argument.Syntax,
            argument.ConstantValue.HasValue
                ? $"{what} is empty"
                : $"{what} must be a constant string (a literal or nameof), not '{CheckedTerm.WrittenOf(argument.Syntax)}'");
        return null;
    }

    private int? SlotOf(IParameterSymbol parameter)
    {
        var parameters = _lambda.Symbol.Parameters;
        for (int index = 0; index < parameters.Length && index < _slots.Count; index++)
        {
            if (SymbolEqualityComparer.Default.Equals(parameters[index], parameter))
            {
                return index;
            }
        }

        return null;
    }

    private void Unreadable(SyntaxNode syntax, string why) =>
        _report.Add(DiagnosticDescriptors.UnreadableSpecification, syntax, _report.Specification, why);

    private static BoundAtom RangeOf(BinaryOperatorKind kind, string key, double bound, SyntaxNode syntax)
    {
        double low = double.NegativeInfinity;
        double high = double.PositiveInfinity;
        bool lowClosed = false;
        bool highClosed = false;
        double? excluded = null;
        switch (kind)
        {
            case BinaryOperatorKind.LessThan:
                high = bound;
                break;
            case BinaryOperatorKind.LessThanOrEqual:
                (high, highClosed) = (bound, true);
                break;
            case BinaryOperatorKind.GreaterThan:
                low = bound;
                break;
            case BinaryOperatorKind.GreaterThanOrEqual:
                (low, lowClosed) = (bound, true);
                break;
            case BinaryOperatorKind.Equals:
                (low, lowClosed, high, highClosed) = (bound, true, bound, true);
                break;
            default:
                excluded = bound;
                break;
        }

        return new BoundAtom(key, CheckedTerm.WrittenOf(syntax), low, lowClosed, high, highClosed, excluded, null, IsText: false);
    }

    private static string KeyOf(CheckedTerm term) => term.Shape switch
    {
        TermShape.Number or TermShape.DurationConstant when term.Number is double value =>
            value.ToString("R", CultureInfo.InvariantCulture) + (term.Shape == TermShape.DurationConstant ? "ns" : string.Empty),
        TermShape.Value or TermShape.Duration => term.Key,
        _ => "?" + term.Syntax.SpanStart,
    };

    private static bool IsTextLike(CheckedTerm term) => term.Class is ValueClass.Text or ValueClass.Other;

    private static string Describe(IReadOnlyList<IMethodSymbol> candidates) =>
        string.Join(", ", candidates.Select(m => "'" + m.ToDisplayString(SymbolFormats.Display) + "'"));

    private static CheckedTerm Opaque(SyntaxNode syntax, TermShape shape = TermShape.Opaque) =>
        new(shape == TermShape.Formula ? TermShape.Formula : TermShape.Opaque, syntax);

    private static bool IsDslValue(ITypeSymbol? type) =>
        DslTypes.IsVyprNamespace(type)
        && !DslTypes.IsVypr(type, "Duration")
        && !DslTypes.IsVypr(type, "DurationUnit")
        && !DslTypes.IsVypr(type, "Interval`1");

    private static TermShape ShapeOfPlain(ITypeSymbol? type)
    {
        if (type is null)
        {
            return TermShape.Opaque;
        }

        if (DslTypes.IsVypr(type, "Duration"))
        {
            return TermShape.DurationConstant;
        }

        if (DslTypes.IsVypr(type, "DurationUnit"))
        {
            return TermShape.Unit;
        }

        if (DslTypes.IsVypr(type, "Interval`1"))
        {
            return TermShape.Interval;
        }

        return DslTypes.Classify(type) switch
        {
            ValueClass.Number => TermShape.Number,
            ValueClass.Text => TermShape.Text,
            _ => TermShape.Opaque,
        };
    }

    private static double? NanosecondsPer(int unit) => unit switch
    {
        (int)DurationUnit.Nanoseconds => 1,
        (int)DurationUnit.Microseconds => 1e3,
        (int)DurationUnit.Milliseconds => 1e6,
        (int)DurationUnit.Seconds => 1e9,
        (int)DurationUnit.Minutes => 60e9,
        _ => null,
    };
}
