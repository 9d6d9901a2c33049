using System.Collections.Generic;

namespace Uploader;

/// <summary>Runs every rule on a payload and collects what fails.</summary>
public sealed class PayloadValidator(IReadOnlyList<IPayloadRule> rules)
{
    public IReadOnlyList<string> Validate(Payload payload)
    {
        var problems = new List<string>();
        foreach (IPayloadRule rule in rules)
        {
            if (rule.Validate(payload) is { } problem)
            {
                problems.Add(problem);
            }
        }

        return problems;
    }
}
