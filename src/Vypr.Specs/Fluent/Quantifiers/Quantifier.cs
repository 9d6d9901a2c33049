namespace Vypr;

/// <summary>
/// What one <c>Forall</c> ranges over, as the formula model records it. Built by <see cref="Calls"/> and
/// <see cref="Changes"/>; immutable.
/// </summary>
public abstract class Quantifier
{
    private protected Quantifier(QuantifierKind kind, string? method, string? declaringType, string? variable, string? after)
    {
        Kind = kind;
        Method = method;
        DeclaringType = declaringType;
        Variable = variable;
        AfterBinding = after;
    }

    /// <summary>What the quantifier ranges over.</summary>
    public QuantifierKind Kind { get; }

    /// <summary>For <see cref="QuantifierKind.Calls"/>: the called method's name.</summary>
    public string? Method { get; }

    /// <summary>For <see cref="QuantifierKind.Calls"/>: the full name of the type that declares the method, or null for any type.</summary>
    public string? DeclaringType { get; }

    /// <summary>For <see cref="QuantifierKind.Changes"/>: the variable's name.</summary>
    public string? Variable { get; }

    /// <summary>The name of an earlier binding that every match must come after, or null.</summary>
    public string? AfterBinding { get; }

    /// <summary>The quantifier as the specification text shows it (<c>Calls(FileStore.Write, after q)</c>).</summary>
    /// <returns>The readable form.</returns>
    public override string ToString()
    {
        string target = Kind switch
        {
            QuantifierKind.Calls => "Calls(" + (DeclaringType is null ? string.Empty : ShortName(DeclaringType) + ".") + Method,
            QuantifierKind.Changes => "Changes(" + Variable,
            _ => "Calls(scope",
        };
        return target + (AfterBinding is null ? ")" : ", after " + AfterBinding + ")");
    }

    internal static string ShortName(string typeName)
    {
        int dot = typeName.LastIndexOfAny(['.', '+']);
        return dot < 0 ? typeName : typeName.Substring(dot + 1);
    }
}
