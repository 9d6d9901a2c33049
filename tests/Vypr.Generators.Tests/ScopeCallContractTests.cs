using System;
using System.Linq;
using Vypr.Formulas;
using Vypr.Generators.Model;
using Xunit;

namespace Vypr.Generators.Tests;

/// <summary>The contract a declaring assembly publishes reads back as the same contract in a referencing compilation.</summary>
public sealed class ScopeCallContractTests
{
    [Fact]
    public void Contracts_survive_their_attribute_text_for_random_captures_and_parameters()
    {
        var random = new Random(16);
        string[] captures = ["arg:n", "arg:n#length", "result", "result#length", "arg:file", "value", "value#length"];
        for (int round = 0; round < 500; round++)
        {
            var contract = new ScopeCallContract(
                "P:Specs.S" + round,
                "M:Scope.Run(System.Int32)",
                "Run",
                captures.Where(_ => random.Next(2) == 0).Order(StringComparer.Ordinal).Select(CaptureName.Parse).ToEquatableArray(),
                Enumerable.Range(0, random.Next(0, 4))
                    .Select(i => new ParameterChange("p" + i, captures.Where(c => c.StartsWith("value", StringComparison.Ordinal) && random.Next(2) == 0).Order(StringComparer.Ordinal).Select(CaptureName.Parse).ToEquatableArray()))
                    .ToEquatableArray());

            ScopeCallContract read = ScopeCallContract.Parse(contract.SpecificationKey, contract.ScopeKey, contract.ScopeName, contract.ScopeCapturesText, contract.ParameterChangesText);

            Assert.Equal(contract, read);
        }
    }
}
