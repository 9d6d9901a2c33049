using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Vypr.Generators.Tests.Harness;

/// <summary>Compiles test programs the way a project referencing Vypr is compiled, runs the generator, loads the result.</summary>
public static class TestCompiler
{
    private static readonly Lazy<MetadataReference[]> s_references = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => p.Length > 0)

            // A project loads the generator as an analyzer, never as a reference: its shared types would clash.
            .Where(p => Path.GetFileName(p) != "Vypr.Generators.dll")
            .Append(typeof(MaxDurationAttribute).Assembly.Location)
            .Append(typeof(Vypr.Runtime.Probe).Assembly.Location)
            .Distinct()
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToArray());

    public static CSharpParseOptions ParseOptions { get; } = new CSharpParseOptions(LanguageVersion.Preview)
        .WithFeatures([new KeyValuePair<string, string>("InterceptorsNamespaces", "Vypr.Generated")]);

    /// <summary>Compiles <paramref name="sources"/> (file name, text) into a library named <paramref name="assemblyName"/>.</summary>
    public static CSharpCompilationResult Compile(string assemblyName, IEnumerable<MetadataReference>? extraReferences, params (string Path, string Text)[] sources) =>
        Compile(assemblyName, extraReferences, allowUnsafe: false, sources);

    /// <summary>Compiles <paramref name="sources"/> into a library, allowing unsafe code when asked.</summary>
    public static CSharpCompilationResult Compile(string assemblyName, IEnumerable<MetadataReference>? extraReferences, bool allowUnsafe, params (string Path, string Text)[] sources)
    {
        var trees = sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, ParseOptions, s.Path)).ToArray();
        var compilation = CSharpCompilation.Create(
            assemblyName,
            trees,
            s_references.Value.Concat(extraReferences ?? []),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: allowUnsafe));
        return new CSharpCompilationResult(compilation, ParseOptions);
    }

    /// <summary>Compiles <paramref name="sources"/> into a library named after the first file, so generated code is stable.</summary>
    public static CSharpCompilationResult Compile(params (string Path, string Text)[] sources) =>
        Compile(Path.GetFileNameWithoutExtension(sources[0].Path), null, sources);

    /// <summary>Runs the generator (with step tracking) over a compiled program.</summary>
    public static GeneratorRun Generate(CSharpCompilationResult input) => Generate(input, new Dictionary<string, string>());

    /// <summary>Runs the generator over a compiled program, with <paramref name="buildProperties"/> as the project's MSBuild properties.</summary>
    public static GeneratorRun Generate(CSharpCompilationResult input, IReadOnlyDictionary<string, string> buildProperties)
    {
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new VyprGenerator().AsSourceGenerator()],
            parseOptions: input.ParseOptions,
            optionsProvider: new AnalyzerHarness.BuildProperties(buildProperties),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        driver = driver.RunGeneratorsAndUpdateCompilation(input.Compilation, out Compilation output, out var diagnostics);
        return new GeneratorRun(input, output, driver, diagnostics);
    }

    /// <summary>Generates, asserts the result compiles cleanly, and loads it into a collectible context.</summary>
    public static Assembly GenerateAndLoad(CSharpCompilationResult input, out GeneratorRun run)
    {
        run = Generate(input);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.OutputDiagnostics);
        return Load(run.Output);
    }

    public static Assembly Load(Compilation compilation)
    {
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        Assert.True(emitted.Success, string.Join(Environment.NewLine, emitted.Diagnostics));

        // The compiler checks an interceptor against the call it replaces while lowering (CS9158, CS9159 and the
        // like), which GetDiagnostics does not do: only Emit reports them, and a build treats them as errors.
        Assert.True(
            emitted.Diagnostics.All(d => d.Severity < DiagnosticSeverity.Warning),
            "the emitted program must compile without warnings:" + Environment.NewLine + string.Join(Environment.NewLine, emitted.Diagnostics));
        image.Position = 0;

        // Vypr.Runtime resolves from the default context, so the loaded program shares this process's monitor.
        var context = new AssemblyLoadContext("test-program-" + compilation.AssemblyName, isCollectible: true);
        return context.LoadFromStream(image);
    }

    /// <summary>Calls the static method <c>Program.Run()</c> of a loaded test program and waits for it.</summary>
    public static object? RunProgram(Assembly assembly)
    {
        MethodInfo run = assembly.GetType("Program")!.GetMethod("Run", BindingFlags.Public | BindingFlags.Static)!;
        object? result = run.Invoke(null, null);
        if (result is System.Threading.Tasks.Task task)
        {
            task.GetAwaiter().GetResult();
            return null;
        }

        return result;
    }
}
