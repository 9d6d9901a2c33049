using System.Collections.Generic;
using System.Linq;

namespace Vypr.Generators;

/// <summary>Finds two conjoined comparisons of the same term that exclude each other.</summary>
internal static class Contradictions
{
    /// <summary>The first pair of <paramref name="conjuncts"/> that cannot hold together, or null.</summary>
    public static (BoundAtom First, BoundAtom Second)? Find(IReadOnlyList<BoundAtom> conjuncts)
    {
        foreach (IGrouping<string, BoundAtom> term in conjuncts.GroupBy(a => a.TermKey))
        {
            if (FindIn(term.ToList()) is { } pair)
            {
                return pair;
            }
        }

        return null;
    }

    private static (BoundAtom First, BoundAtom Second)? FindIn(List<BoundAtom> atoms)
    {
        // The range allowed so far, with the comparison that set each end.
        (double Value, bool Closed, BoundAtom? By) lower = (double.NegativeInfinity, false, null);
        (double Value, bool Closed, BoundAtom? By) upper = (double.PositiveInfinity, false, null);
        BoundAtom? text = null;
        var excluded = new List<BoundAtom>();
        foreach (BoundAtom atom in atoms)
        {
            if (atom.IsText)
            {
                if (text is not null && !string.Equals(text.TextEquals, atom.TextEquals, System.StringComparison.Ordinal))
                {
                    return (text, atom);
                }

                text = atom;
                continue;
            }

            if (atom.IsEmpty)
            {
                // An empty interval is reported on its own.
                continue;
            }

            if (atom.Lower > lower.Value || (atom.Lower == lower.Value && lower.Closed && !atom.LowerClosed))
            {
                lower = (atom.Lower, atom.LowerClosed, atom);
            }

            if (atom.Upper < upper.Value || (atom.Upper == upper.Value && upper.Closed && !atom.UpperClosed))
            {
                upper = (atom.Upper, atom.UpperClosed, atom);
            }

            if (atom.Excluded is not null)
            {
                excluded.Add(atom);
            }

            bool empty = lower.Value > upper.Value || (lower.Value == upper.Value && !(lower.Closed && upper.Closed));
            if (empty)
            {
                BoundAtom? other = !ReferenceEquals(lower.By, atom) ? lower.By : upper.By;
                if (other is not null && !ReferenceEquals(other, atom))
                {
                    return (other, atom);
                }
            }

            if (lower.Value == upper.Value && lower.Closed && upper.Closed
                && excluded.FirstOrDefault(e => e.Excluded == lower.Value) is { } unequal)
            {
                BoundAtom other = !ReferenceEquals(unequal, atom) ? unequal : (lower.By ?? upper.By)!;
                return (other, atom);
            }
        }

        return null;
    }
}
