using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Vypr.Formulas;
using Vypr.Generators.Model;

namespace Vypr.Generators;

/// <summary>A slot while its specification is being read: the model's fields plus the symbols and syntax the checks need.</summary>
internal sealed class SlotDraft
{
    public SlotDraft(int index, string name, SlotKind kind)
    {
        Index = index;
        Name = name;
        Kind = kind;
    }

    public int Index { get; }

    public string Name { get; }

    public SlotKind Kind { get; }

    public string? Method { get; set; }

    /// <summary>The type a call quantifier is restricted to, or null for any type.</summary>
    public INamedTypeSymbol? Type { get; set; }

    /// <summary><see cref="Type"/> as <c>System.Type.FullName</c> writes it.</summary>
    public string? DeclaringType { get; set; }

    public string? Variable { get; set; }

    /// <summary>The name an <c>After</c> gave, before it is resolved to <see cref="AfterSlot"/>.</summary>
    public string? AfterName { get; set; }

    public int AfterSlot { get; set; } = -1;

    public bool IsNextCall { get; set; }

    /// <summary>The string argument naming the method or variable, where warnings about the target point.</summary>
    public SyntaxNode? TargetSyntax { get; set; }

    public SortedSet<CaptureName> Captures { get; } = new();

    public bool IsCall => Kind != SlotKind.Changes;

    public SlotModel ToModel() => new(
        Index,
        Name,
        Kind,
        Method,
        DeclaringType,
        Variable,
        AfterSlot,
        IsNextCall,
        Captures.ToEquatableArray());
}
