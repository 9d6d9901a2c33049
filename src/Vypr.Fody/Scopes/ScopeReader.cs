using System.Collections.Generic;
using System.Linq;
using Mono.Cecil;

namespace Vypr.Fody.Scopes;

/// <summary>
/// Reads the fluent specifications whose scoped methods this assembly weaves in IL from the assembly metadata the
/// source generator wrote (<c>[assembly: AssemblyMetadata("Vypr.WovenScope", ...)]</c>), and removes that metadata:
/// it describes the build, not the assembly. The text is one record per line, fields separated by tabs:
/// <c>spec KEY SCOPE CAPTURES</c>, then <c>parameter NAME CAPTURES</c>, <c>call TARGET NAME TYPES CAPTURES</c> and
/// <c>change NAME CAPTURES</c>, captures comma-separated.
/// </summary>
internal static class ScopeReader
{
    public const string MetadataKey = "Vypr.WovenScope";

    public static IReadOnlyList<ScopeSpecification> ReadAndRemove(ModuleDefinition module)
    {
        var found = new List<ScopeSpecification>();
        Mono.Collections.Generic.Collection<CustomAttribute> attributes = module.Assembly.CustomAttributes;
        foreach (CustomAttribute attribute in attributes.ToList())
        {
            if (attribute.AttributeType.FullName != "System.Reflection.AssemblyMetadataAttribute"
                || attribute.ConstructorArguments.Count != 2
                || attribute.ConstructorArguments[0].Value as string != MetadataKey
                || attribute.ConstructorArguments[1].Value is not string text)
            {
                continue;
            }

            attributes.Remove(attribute);
            ScopeSpecification? specification = null;
            foreach (string line in text.Split('\n'))
            {
                string[] fields = line.Split('\t');
                switch (fields[0])
                {
                    case "spec" when fields.Length == 4:
                        specification = new ScopeSpecification(fields[1], fields[2], Captures(fields[3]));
                        found.Add(specification);
                        break;
                    case "parameter" when fields.Length == 3 && specification is not null:
                        specification.Parameters.Add(new ObservedVariable(fields[1], Captures(fields[2])));
                        break;
                    case "call" when fields.Length == 5 && specification is not null:
                        specification.Calls.Add(new ObservedCall(fields[1], fields[2], fields[3], Captures(fields[4])));
                        break;
                    case "change" when fields.Length == 3 && specification is not null:
                        specification.Changes.Add(new ObservedVariable(fields[1], Captures(fields[2])));
                        break;
                    default:
                        throw new System.InvalidOperationException($"Vypr.WovenScope metadata has an unreadable line '{line}': the generator and the weaver come from different Vypr versions");
                }
            }
        }

        return found;
    }

    private static IReadOnlyList<Capture> Captures(string text) =>
        text.Length == 0 ? [] : text.Split(',').Select(Capture.Parse).ToList();
}
