namespace Vypr.Formulas;

/// <summary>Arithmetic between two terms (<c>q.Value() * 0.7</c>, the time between two moments).</summary>
public sealed class ArithmeticTerm : Term
{
    internal ArithmeticTerm(Term left, ArithmeticOperator @operator, Term right, bool isDuration)
        : base(isDuration)
    {
        Left = left;
        Operator = @operator;
        Right = right;
    }

    /// <summary>The left operand.</summary>
    public Term Left { get; }

    /// <summary>The operator.</summary>
    public ArithmeticOperator Operator { get; }

    /// <summary>The right operand.</summary>
    public Term Right { get; }

    /// <inheritdoc />
    public override string ToString()
    {
        string symbol = Operator switch
        {
            ArithmeticOperator.Add => "+",
            ArithmeticOperator.Subtract => "-",
            ArithmeticOperator.Multiply => "*",
            _ => "/",
        };
        return "(" + Left + " " + symbol + " " + Right + ")";
    }
}
