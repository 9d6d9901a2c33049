using System.Collections.Generic;
using System.IO;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;

namespace Vypr.Generators.Tests.RoslynTesting;

/// <summary>
/// What Roslyn's test framework needs to compile a user's project here: the .NET 10 reference assemblies (restored
/// from the package feed; the framework's built-in sets name packages the feed does not serve), Vypr's specification
/// attributes, and the interceptors feature that Vypr's build files turn on in a real project.
/// </summary>
internal static class RoslynTestReferences
{
    public static readonly ReferenceAssemblies Net10 = new(
        "net10.0",
        new PackageIdentity("Microsoft.NETCore.App.Ref", "10.0.12"),
        Path.Combine("ref", "net10.0"));

    public static void AddVypr(SolutionState state)
    {
        state.AdditionalReferences.Add(typeof(MaxDurationAttribute).Assembly);
        state.AdditionalReferences.Add(typeof(Vypr.Runtime.Probe).Assembly);
        state.AdditionalReferences.Add(typeof(Vypr.Contracts.RunDocument).Assembly);
    }

    public static Solution WithInterceptors(Solution solution, ProjectId projectId)
    {
        var options = (CSharpParseOptions)solution.GetProject(projectId)!.ParseOptions!;
        return solution.WithProjectParseOptions(
            projectId,
            options.WithLanguageVersion(LanguageVersion.Preview)
                .WithFeatures([new KeyValuePair<string, string>("InterceptorsNamespaces", "Vypr.Generated")]));
    }
}
