using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Vypr.Generators.Model;

namespace Vypr.Generators;

/// <summary>Adds the weaving report's lines for one call site: where it is, and what became of each method it may reach.</summary>
internal sealed class SiteReport
{
    private readonly List<WovenSite> _lines;
    private readonly string _file;
    private readonly int _line;
    private readonly int _column;
    private readonly string _caller;

    private SiteReport(List<WovenSite> lines, string file, int line, int column, string caller)
    {
        _lines = lines;
        _file = file;
        _line = line;
        _column = column;
        _caller = caller;
    }

    public static SiteReport Of(InvocationExpressionSyntax invocation, IMethodSymbol target, SemanticModel model, List<WovenSite> lines)
    {
        SyntaxNode nameNode = invocation.Expression switch
        {
            MemberAccessExpressionSyntax access => access.Name,
            MemberBindingExpressionSyntax binding => binding.Name,
            _ => invocation.Expression,
        };
        FileLinePositionSpan span = nameNode.GetLocation().GetLineSpan();
        ISymbol? caller = model.GetEnclosingSymbol(invocation.SpanStart);
        while (caller is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction })
        {
            caller = caller.ContainingSymbol;
        }

        return new SiteReport(
            lines,
            span.Path,
            span.StartLinePosition.Line + 1,
            span.StartLinePosition.Character + 1,
            caller?.ToDisplayString(SymbolFormats.Display) ?? target.Name);
    }

    public void Woven(string method, string detail) =>
        _lines.Add(new WovenSite(_file, _line, _column, _caller, method, true, null, detail));

    public void NotWoven(string method, WeavingRefusal refusal) =>
        _lines.Add(new WovenSite(_file, _line, _column, _caller, method, false, refusal.Gap, refusal.Reason));
}
