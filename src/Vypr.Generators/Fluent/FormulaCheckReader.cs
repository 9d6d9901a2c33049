using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
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
internal sealed class FormulaCheckReader
{
    private const string DurationTermType = "DurationTerm";
    private const string ValueTermType = "ValueTerm";
    private const string FormulaType = "Formula";

    private readonly IAnonymousFunctionOperation _lambda;
    private readonly List<FormulaSlotDraft> _slots;
    private readonly FormulaScope? _scope;
    private readonly FormulaReport _report;
    private readonly CancellationToken _cancellationToken;
    private readonly Dictionary<int, IReadOnlyList<IMethodSymbol>> _candidates = [];

    private FormulaCheckReader(IAnonymousFunctionOperation lambda, List<FormulaSlotDraft> slots, FormulaScope? scope, FormulaReport report, CancellationToken cancellationToken)
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
    public static void Read(IAnonymousFunctionOperation lambda, List<FormulaSlotDraft> slots, FormulaScope? scope, FormulaReport report, CancellationToken cancellationToken)
    {
        var reader = new FormulaCheckReader(lambda, slots, scope, report, cancellationToken);
        var statements = lambda.Body.Operations;
        if (statements.Length != 1 || statements[0] is not IReturnOperation { ReturnedValue: { } returned })
        {
            IOperation first = statements.FirstOrDefault(s => s is not IReturnOperation) ?? lambda.Body;
            reader.Unreadable(first.Syntax, $"the Check lambda must be one expression (or one return statement), not '{FormulaTerm.WrittenOf(first.Syntax)}'");
            return;
        }

        reader.Evaluate(returned);
    }

    private FormulaTerm Evaluate(IOperation operation)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        switch (operation)
        {
            case IConversionOperation { OperatorMethod: { } conversion } converted
                when FormulaTypes.IsVyprMethod(conversion, "StateBinding", "op_Implicit"):
                return StateMoment(Evaluate(converted.Operand), operation.Syntax);
            case IConversionOperation { OperatorMethod: null } converted when !operation.ConstantValue.HasValue:
                return Evaluate(converted.Operand);
            case IParameterReferenceOperation reference when SlotOf(reference.Parameter) is int slot:
                return new FormulaTerm(FormulaTermShape.Binding, operation.Syntax) { Slot = slot, IsCallBinding = _slots[slot].IsCall };
            case IInvocationOperation invocation when FormulaTypes.IsVyprNamespace(invocation.TargetMethod.ContainingType):
                return Invoke(invocation);
            case IBinaryOperation { OperatorMethod: { } method } binary when FormulaTypes.IsVyprNamespace(method.ContainingType):
                return Binary(binary, binary.OperatorKind, Evaluate(binary.LeftOperand), Evaluate(binary.RightOperand));
            case IUnaryOperation { OperatorMethod: { } method } unary when FormulaTypes.IsVypr(method.ContainingType, FormulaType):
                Evaluate(unary.Operand);
                return new FormulaTerm(FormulaTermShape.Formula, operation.Syntax);
        }

        if (operation.ConstantValue.HasValue)
        {
            return Constant(operation);
        }

        return PlainValue(operation);
    }

    // Anything that is not a DSL construct must be an ordinary value that does not depend on the bindings: the
    // generator cannot see into it, so it must not hide terms, NextCalls or formulas.
    private FormulaTerm PlainValue(IOperation operation)
    {
        bool readsBindings = operation.Descendants().Any(d => d is IParameterReferenceOperation p && SlotOf(p.Parameter) is not null);
        if (readsBindings || IsDslValue(operation.Type))
        {
            string written = FormulaTerm.WrittenOf(operation.Syntax);
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
            return new FormulaTerm(FormulaTermShape.Opaque, operation.Syntax);
        }

        return new FormulaTerm(ShapeOfPlain(operation.Type), operation.Syntax);
    }

    private FormulaTerm Constant(IOperation operation)
    {
        object? value = operation.ConstantValue.Value;
        if (operation.Type is { SpecialType: SpecialType.System_String } || value is string)
        {
            return new FormulaTerm(FormulaTermShape.Text, operation.Syntax) { Text = value as string, IsKnownText = true };
        }

        if (FormulaTypes.IsVypr(operation.Type, "DurationUnit") && value is int unit)
        {
            return new FormulaTerm(FormulaTermShape.Unit, operation.Syntax) { Number = NanosecondsPer(unit) };
        }

        if (value is not null and not bool and not char && ShapeOfPlain(operation.Type) == FormulaTermShape.Number)
        {
            return new FormulaTerm(FormulaTermShape.Number, operation.Syntax) { Number = Convert.ToDouble(value, CultureInfo.InvariantCulture) };
        }

        return new FormulaTerm(ShapeOfPlain(operation.Type), operation.Syntax);
    }

    private FormulaTerm Invoke(IInvocationOperation invocation)
    {
        IMethodSymbol method = invocation.TargetMethod;
        FormulaTerm? receiver = invocation.Instance is { } instance ? Evaluate(instance) : null;

        // Arguments are evaluated in order only when a case asks, as the call would: receiver first.
        IOperation Argument(int index) => invocation.Arguments[index].Value;
        SyntaxNode syntax = invocation.Syntax;
        switch (method.ContainingType.MetadataName, method.Name)
        {
            case ("CallBinding", "Duration"):
                return OnBinding(receiver, call: true, syntax, slot => new FormulaTerm(FormulaTermShape.Duration, syntax) { Key = slot + ".Duration()" });
            case ("CallBinding", "Start" or "End"):
                return OnBinding(receiver, call: true, syntax, slot => new FormulaTerm(FormulaTermShape.Moment, syntax) { Key = slot + "." + method.Name + "()" });
            case ("CallBinding", "Argument"):
                {
                    string? parameter = ConstantName(Argument(0), "the parameter name");
                    return OnBinding(receiver, call: true, syntax, slot => parameter is null ? Opaque(syntax) : MeasuredArgument(slot, parameter, syntax));
                }

            case ("CallBinding", "Result"):
                return OnBinding(receiver, call: true, syntax, slot => MeasuredResult(slot, syntax));
            case ("StateBinding", "Value"):
                return OnBinding(receiver, call: false, syntax, slot => Measured(slot, "value", "Value()", VariableTypes(slot), syntax));
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
                    FormulaTerm condition = Evaluate(Argument(0));
                    return new FormulaTerm(FormulaTermShape.IfClause, syntax) { Flagged = condition.Flagged };
                }

            case ("IfClause", "Then"):
                Evaluate(Argument(0));
                return new FormulaTerm(FormulaTermShape.Formula, syntax);
            case (FormulaType, "And"):
                return Binary(invocation, BinaryOperatorKind.And, Evaluate(Argument(0)), Evaluate(Argument(1)));
            case (FormulaType, "Or"):
                return Binary(invocation, BinaryOperatorKind.Or, Evaluate(Argument(0)), Evaluate(Argument(1)));
            case (FormulaType, "Not"):
                Evaluate(Argument(0));
                return new FormulaTerm(FormulaTermShape.Formula, syntax);
            case ("Time", "Between"):
                {
                    FormulaTerm from = Evaluate(Argument(0));
                    FormulaTerm to = Evaluate(Argument(1));
                    return from.Shape == FormulaTermShape.Moment && to.Shape == FormulaTermShape.Moment
                        ? new FormulaTerm(FormulaTermShape.Duration, syntax) { Key = "(" + to.Key + " - " + from.Key + ")" }
                        : Opaque(syntax);
                }

            case ("Duration", "Nanoseconds" or "Microseconds" or "Milliseconds" or "Seconds" or "Minutes" or "Of"):
                return DurationConstant(method.Name, invocation.Arguments.Select(a => Evaluate(a.Value)).ToList(), syntax);
        }

        foreach (IArgumentOperation argument in invocation.Arguments)
        {
            Evaluate(argument.Value);
        }

        Unreadable(syntax, $"'{FormulaTerm.WrittenOf(syntax)}' is not a Vypr term, formula or constant the generator can read inside Check");
        return Opaque(syntax);
    }

    private FormulaTerm Binary(IOperation operation, BinaryOperatorKind kind, FormulaTerm left, FormulaTerm right)
    {
        SyntaxNode syntax = operation.Syntax;
        switch (kind)
        {
            case BinaryOperatorKind.And:
                return Conjunction(left, right, syntax);
            case BinaryOperatorKind.Or:
                return new FormulaTerm(FormulaTermShape.Formula, syntax) { Flagged = left.Flagged && right.Flagged };
            case BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual or BinaryOperatorKind.GreaterThan
                or BinaryOperatorKind.GreaterThanOrEqual or BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals:
                return Comparison(kind, left, right, syntax);
            case BinaryOperatorKind.Add or BinaryOperatorKind.Subtract or BinaryOperatorKind.Multiply or BinaryOperatorKind.Divide:
                return Arithmetic(kind, left, right, syntax);
            default:
                Unreadable(syntax, $"'{FormulaTerm.WrittenOf(syntax)}' is not an operator of Vypr terms or formulas");
                return Opaque(syntax);
        }
    }

    private FormulaTerm Conjunction(FormulaTerm left, FormulaTerm right, SyntaxNode syntax)
    {
        var conjuncts = left.Conjuncts.Concat(right.Conjuncts).ToList();
        bool flagged = left.Flagged || right.Flagged;
        if (!flagged && FormulaContradictions.Find(conjuncts) is { } pair)
        {
            _report.Add(
                DiagnosticDescriptors.NeverHolds,
                syntax,
                FormulaTerm.WrittenOf(syntax),
                _report.Specification,
                $"'{pair.First.Written}' and '{pair.Second.Written}' exclude each other");
            flagged = true;
        }

        return new FormulaTerm(FormulaTermShape.Formula, syntax) { Conjuncts = conjuncts, Flagged = flagged };
    }

    private FormulaTerm Comparison(BinaryOperatorKind kind, FormulaTerm left, FormulaTerm right, SyntaxNode syntax)
    {
        bool ordering = kind is not (BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals);
        if (left.Shape == FormulaTermShape.Value)
        {
            string? problem = right.Shape switch
            {
                FormulaTermShape.Number when IsTextLike(left) =>
                    $"'{left.Written}' is {left.Describe()}; it cannot be compared with a number",
                FormulaTermShape.Text when left.Class == FormulaValueClass.Number =>
                    $"'{left.Written}' is {left.Describe()}; it cannot be compared with a text",
                FormulaTermShape.Value when ordering && (IsTextLike(left) || IsTextLike(right)) =>
                    $"'{(IsTextLike(left) ? left : right).Written}' is {(IsTextLike(left) ? left : right).Describe()}; texts compare only with == and !=",
                FormulaTermShape.Value when (left.Class == FormulaValueClass.Number && IsTextLike(right)) || (IsTextLike(left) && right.Class == FormulaValueClass.Number) =>
                    $"'{left.Written}' is {left.Describe()} and '{right.Written}' is {right.Describe()}",
                _ => null,
            };
            if (problem is not null)
            {
                _report.Add(DiagnosticDescriptors.IncompatibleTerms, syntax, FormulaTerm.WrittenOf(syntax), _report.Specification, problem);
            }
        }

        if (left.Shape is not (FormulaTermShape.Value or FormulaTermShape.Duration))
        {
            return Opaque(syntax, FormulaTermShape.Formula);
        }

        Capture(left);
        Capture(right);
        FormulaBoundAtom? atom = null;
        bool flagged = false;
        if (right.Number is double bound && right.Shape is FormulaTermShape.Number or FormulaTermShape.DurationConstant)
        {
            atom = RangeOf(kind, left.Key, bound, syntax);
            if (double.IsNaN(bound) && kind != BinaryOperatorKind.NotEquals)
            {
                _report.Add(DiagnosticDescriptors.NeverHolds, syntax, FormulaTerm.WrittenOf(syntax), _report.Specification, "NaN compares false with every value");
                flagged = true;
                atom = null;
            }
        }
        else if (right is { Shape: FormulaTermShape.Text, IsKnownText: true } && kind == BinaryOperatorKind.Equals)
        {
            atom = new FormulaBoundAtom(left.Key, FormulaTerm.WrittenOf(syntax), double.NegativeInfinity, false, double.PositiveInfinity, false, null, right.Text, IsText: true);
        }

        return new FormulaTerm(FormulaTermShape.Formula, syntax) { Conjuncts = atom is null ? [] : [atom], Flagged = flagged };
    }

    private FormulaTerm Arithmetic(BinaryOperatorKind kind, FormulaTerm left, FormulaTerm right, SyntaxNode syntax)
    {
        FormulaTermShape shape = left.Shape == FormulaTermShape.Duration || right.Shape == FormulaTermShape.Duration
            ? FormulaTermShape.Duration
            : FormulaTermShape.Value;
        FormulaTerm? text = new[] { left, right }.FirstOrDefault(t => t.Shape == FormulaTermShape.Value && IsTextLike(t));
        if (text is not null)
        {
            _report.Add(
                DiagnosticDescriptors.IncompatibleTerms,
                syntax,
                FormulaTerm.WrittenOf(syntax),
                _report.Specification,
                $"'{text.Written}' is {text.Describe()}; arithmetic needs numbers");
        }

        if (left.Shape == FormulaTermShape.Opaque || right.Shape == FormulaTermShape.Opaque)
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
        bool numbers = left.Class == FormulaValueClass.Number || left.Shape == FormulaTermShape.Number;
        numbers &= right.Class == FormulaValueClass.Number || right.Shape == FormulaTermShape.Number;
        return new FormulaTerm(shape, syntax)
        {
            Key = "(" + KeyOf(left) + " " + symbol + " " + KeyOf(right) + ")",
            Reads = left.Reads.Concat(right.Reads).ToList(),
            Class = text is null && numbers ? FormulaValueClass.Number : FormulaValueClass.Unknown,
        };
    }

    private FormulaTerm In(FormulaTerm receiver, FormulaTerm interval, SyntaxNode syntax)
    {
        if (receiver.Shape == FormulaTermShape.Value && IsTextLike(receiver))
        {
            _report.Add(
                DiagnosticDescriptors.IncompatibleTerms,
                syntax,
                FormulaTerm.WrittenOf(syntax),
                _report.Specification,
                $"'{receiver.Written}' is {receiver.Describe()}; only numbers lie in intervals");
        }

        if (receiver.Shape is not (FormulaTermShape.Value or FormulaTermShape.Duration))
        {
            return Opaque(syntax, FormulaTermShape.Formula);
        }

        Capture(receiver);
        FormulaBoundAtom? atom = interval.Bounds is { } bounds && !interval.Flagged
            ? bounds with { TermKey = receiver.Key, Written = FormulaTerm.WrittenOf(syntax) }
            : null;
        return new FormulaTerm(FormulaTermShape.Formula, syntax) { Conjuncts = atom is null ? [] : [atom], Flagged = interval.Flagged };
    }

    private FormulaTerm Interval(string form, FormulaTerm lower, FormulaTerm upper, SyntaxNode syntax)
    {
        if (lower.Number is not double low || upper.Number is not double high)
        {
            return new FormulaTerm(FormulaTermShape.Interval, syntax);
        }

        bool lowerClosed = form is "Closed" or "ClosedOpen";
        bool upperClosed = form is "Closed" or "OpenClosed";
        var bounds = new FormulaBoundAtom(string.Empty, FormulaTerm.WrittenOf(syntax), low, lowerClosed, high, upperClosed, null, null, IsText: false);
        if (!bounds.IsEmpty)
        {
            return new FormulaTerm(FormulaTermShape.Interval, syntax) { Bounds = bounds };
        }

        bool durations = lower.Shape == FormulaTermShape.DurationConstant;
        string Show(double value) => durations ? Vypr.DurationText.FormatNanoseconds(value) : value.ToString("R", CultureInfo.InvariantCulture);
        string why = double.IsNaN(low) || double.IsNaN(high)
            ? "the interval is empty: an end is NaN"
            : low > high
                ? $"the interval is empty: its lower end {Show(low)} is above its upper end {Show(high)}"
                : $"the interval is empty: both ends are {Show(low)} but they are not both included (use Interval.Closed)";
        _report.Add(DiagnosticDescriptors.NeverHolds, syntax, FormulaTerm.WrittenOf(syntax), _report.Specification, why);
        return new FormulaTerm(FormulaTermShape.Interval, syntax) { Flagged = true };
    }

    private FormulaTerm Length(FormulaTerm receiver, SyntaxNode syntax)
    {
        if (receiver.Shape != FormulaTermShape.Value)
        {
            return Opaque(syntax, FormulaTermShape.Value);
        }

        if (receiver.MeasuredCapture is not { } capture)
        {
            _report.Add(
                DiagnosticDescriptors.IncompatibleTerms,
                syntax,
                FormulaTerm.WrittenOf(syntax),
                _report.Specification,
                $"'{receiver.Written}' has no length: Length() applies to a measured value (Value(), Argument(...) or Result()), once");
            return Opaque(syntax, FormulaTermShape.Value);
        }

        ITypeSymbol[] withoutLength = receiver.Types.Where(t => !FormulaTypes.HasLength(t)).ToArray();
        if (withoutLength.Length > 0)
        {
            string types = string.Join(" or ", withoutLength.Select(FormulaTypes.Display).Distinct());
            _report.Add(
                DiagnosticDescriptors.IncompatibleTerms,
                syntax,
                FormulaTerm.WrittenOf(syntax),
                _report.Specification,
                $"'{receiver.Written}' is a '{types}', which has no Length or Count");
        }

        return new FormulaTerm(FormulaTermShape.Value, syntax)
        {
            Slot = receiver.Slot,
            Key = receiver.Key + ".Length()",
            Reads = [(receiver.Slot, capture + "#length")],
            Class = FormulaValueClass.Number,
        };
    }

    private FormulaTerm AsDuration(FormulaTerm receiver, FormulaTerm unit, SyntaxNode syntax)
    {
        if (receiver.Shape == FormulaTermShape.Value && IsTextLike(receiver))
        {
            _report.Add(
                DiagnosticDescriptors.IncompatibleTerms,
                syntax,
                FormulaTerm.WrittenOf(syntax),
                _report.Specification,
                $"'{receiver.Written}' is {receiver.Describe()}, not a number, so it cannot be read as a duration");
        }

        if (receiver.Shape != FormulaTermShape.Value)
        {
            return Opaque(syntax, FormulaTermShape.Duration);
        }

        string factor = unit.Number is double nanoseconds ? nanoseconds.ToString("R", CultureInfo.InvariantCulture) : FormulaTerm.WrittenOf(unit.Syntax);
        return new FormulaTerm(FormulaTermShape.Duration, syntax)
        {
            Key = "(" + receiver.Key + " * " + factor + "ns)",
            Reads = receiver.Reads,
        };
    }

    private FormulaTerm DurationConstant(string unit, List<FormulaTerm> arguments, SyntaxNode syntax)
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
        return new FormulaTerm(FormulaTermShape.DurationConstant, syntax)
        {
            Number = arguments.Count > 0 && arguments[0].Number is double value && factor is double scale ? value * scale : null,
        };
    }

    private FormulaTerm StateMoment(FormulaTerm state, SyntaxNode syntax) =>
        state is { Shape: FormulaTermShape.Binding, IsCallBinding: false }
            ? new FormulaTerm(FormulaTermShape.Moment, syntax) { Key = state.Slot + ".End()" }
            : Opaque(syntax, FormulaTermShape.Moment);

    private FormulaTerm NextCall(int stateSlot, string method, IMethodSymbol nextCall, SyntaxNode nameSyntax, SyntaxNode syntax)
    {
        INamedTypeSymbol? type = null;
        string? declaringType = null;
        if (nextCall.IsGenericMethod)
        {
            type = nextCall.TypeArguments[0] as INamedTypeSymbol;
            declaringType = type is null ? null : FormulaTypes.RuntimeFullName(type);
            if (declaringType is null)
            {
                Unreadable(syntax, $"'{FormulaTypes.Display(nextCall.TypeArguments[0])}' is not a class, struct or interface whose methods can be called");
                return Opaque(syntax);
            }
        }

        // The same NextCall written twice is one slot, as SpecificationDraft.NextCall finds the existing one.
        FormulaSlotDraft? slot = _slots.FirstOrDefault(s => s.IsNextCall && s.AfterSlot == stateSlot && s.Method == method && s.DeclaringType == declaringType);
        if (slot is null)
        {
            FormulaSlotDraft state = _slots[stateSlot];
            string name = state.Name + ".NextCall(" + (declaringType is null ? string.Empty : FormulaTypes.ShortName(declaringType) + ".") + method + ")";
            slot = new FormulaSlotDraft(_slots.Count, name, SlotKind.Calls)
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

        return new FormulaTerm(FormulaTermShape.Binding, syntax) { Slot = slot.Index, IsCallBinding = true };
    }

    private FormulaTerm MeasuredArgument(int slot, string parameter, SyntaxNode syntax)
    {
        IReadOnlyList<IMethodSymbol> candidates = Candidates(slot);
        var types = candidates.SelectMany(m => m.Parameters).Where(p => p.Name == parameter).Select(p => p.Type).ToList();
        if (candidates.Count > 0 && types.Count == 0)
        {
            string parameters = string.Join(", ", candidates.SelectMany(m => m.Parameters).Select(p => p.Name).Distinct());
            _report.Add(
                DiagnosticDescriptors.MissingMeasurement,
                syntax,
                FormulaTerm.WrittenOf(syntax),
                _report.Specification,
                (candidates.Count == 1
                    ? $"{Describe(candidates)} has no parameter named '{parameter}'"
                    : $"none of {Describe(candidates)} has a parameter named '{parameter}'")
                + (parameters.Length == 0 ? " (they have no parameters)" : $"; the parameters are {parameters}"));
        }

        return Measured(slot, "arg:" + parameter, "Argument(" + parameter + ")", types, syntax);
    }

    private FormulaTerm MeasuredResult(int slot, SyntaxNode syntax)
    {
        IReadOnlyList<IMethodSymbol> candidates = Candidates(slot);
        var types = candidates.Select(FormulaTypes.ResultType).OfType<ITypeSymbol>().ToList();
        if (candidates.Count > 0 && types.Count == 0)
        {
            _report.Add(
                DiagnosticDescriptors.MissingMeasurement,
                syntax,
                FormulaTerm.WrittenOf(syntax),
                _report.Specification,
                candidates.Count == 1
                    ? $"{Describe(candidates)} returns no value, so its calls have no result"
                    : $"none of {Describe(candidates)} returns a value, so their calls have no result");
        }

        return Measured(slot, "result", "Result()", types, syntax);
    }

    private static FormulaTerm Measured(int slot, string capture, string read, IReadOnlyList<ITypeSymbol> types, SyntaxNode syntax) =>
        new(FormulaTermShape.Value, syntax)
        {
            Slot = slot,
            Key = slot + "." + read,
            Reads = [(slot, capture)],
            Types = types,
            Class = FormulaTypes.Classify(types),
            MeasuredCapture = capture,
        };

    private IReadOnlyList<IMethodSymbol> Candidates(int slot)
    {
        if (_candidates.TryGetValue(slot, out IReadOnlyList<IMethodSymbol>? known))
        {
            return known;
        }

        FormulaSlotDraft draft = _slots[slot];
        IReadOnlyList<IMethodSymbol> found = draft.Kind switch
        {
            SlotKind.ScopeCalls when _scope is not null => [_scope.Method],
            SlotKind.Calls when draft.Method is { } method && draft.Type is { } type =>
                FormulaScope.MembersNamed(type, method).OfType<IMethodSymbol>().Where(m => m.MethodKind == MethodKind.Ordinary).ToList(),
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

    private static FormulaTerm OnBinding(FormulaTerm? receiver, bool call, SyntaxNode syntax, Func<int, FormulaTerm> read) =>
        receiver is { Shape: FormulaTermShape.Binding } binding && binding.IsCallBinding == call
            ? read(binding.Slot)
            : Opaque(syntax);

    private void Capture(FormulaTerm term)
    {
        foreach ((int slot, string capture) in term.Reads)
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
                : $"{what} must be a constant string (a literal or nameof), not '{FormulaTerm.WrittenOf(argument.Syntax)}'");
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

    private static FormulaBoundAtom RangeOf(BinaryOperatorKind kind, string key, double bound, SyntaxNode syntax)
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

        return new FormulaBoundAtom(key, FormulaTerm.WrittenOf(syntax), low, lowClosed, high, highClosed, excluded, null, IsText: false);
    }

    private static string KeyOf(FormulaTerm term) => term.Shape switch
    {
        FormulaTermShape.Number or FormulaTermShape.DurationConstant when term.Number is double value =>
            value.ToString("R", CultureInfo.InvariantCulture) + (term.Shape == FormulaTermShape.DurationConstant ? "ns" : string.Empty),
        FormulaTermShape.Value or FormulaTermShape.Duration => term.Key,
        _ => "?" + term.Syntax.SpanStart,
    };

    private static bool IsTextLike(FormulaTerm term) => term.Class is FormulaValueClass.Text or FormulaValueClass.Other;

    private static string Describe(IReadOnlyList<IMethodSymbol> candidates) =>
        string.Join(", ", candidates.Select(m => "'" + m.ToDisplayString(SymbolFormats.Display) + "'"));

    private static FormulaTerm Opaque(SyntaxNode syntax, FormulaTermShape shape = FormulaTermShape.Opaque) =>
        new(shape == FormulaTermShape.Formula ? FormulaTermShape.Formula : FormulaTermShape.Opaque, syntax);

    private static bool IsDslValue(ITypeSymbol? type) =>
        FormulaTypes.IsVyprNamespace(type)
        && !FormulaTypes.IsVypr(type, "Duration")
        && !FormulaTypes.IsVypr(type, "DurationUnit")
        && !FormulaTypes.IsVypr(type, "Interval`1");

    private static FormulaTermShape ShapeOfPlain(ITypeSymbol? type)
    {
        if (type is null)
        {
            return FormulaTermShape.Opaque;
        }

        if (FormulaTypes.IsVypr(type, "Duration"))
        {
            return FormulaTermShape.DurationConstant;
        }

        if (FormulaTypes.IsVypr(type, "DurationUnit"))
        {
            return FormulaTermShape.Unit;
        }

        if (FormulaTypes.IsVypr(type, "Interval`1"))
        {
            return FormulaTermShape.Interval;
        }

        return FormulaTypes.Classify(type) switch
        {
            FormulaValueClass.Number => FormulaTermShape.Number,
            FormulaValueClass.Text => FormulaTermShape.Text,
            _ => FormulaTermShape.Opaque,
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
