using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using System.Threading.Tasks;
using global::Fody;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;
using Microsoft.CodeAnalysis.Text;
using Vypr.Contracts;
using Vypr.Generators;
using Vypr.Runtime;
using Xunit;

namespace Vypr.Fody.Tests.Corpus;

/// <summary>
/// Compiles a program the way a project referencing Vypr is compiled, under one backend, runs it in this process
/// under a test scope of its own, and returns its verdicts. Interceptors: the generator's output compiled as it is.
/// IL: the generator told <c>VyprWeaving=IL</c> (so it leaves the monitored and scoped methods to the weaver), the
/// assembly written with its symbols, then the real weaver (<see cref="ModuleWeaver"/>) run over it by Fody's own
/// test helper, as Fody runs it after compilation.
/// </summary>
public static class CorpusBuild
{
    private static readonly Lazy<MetadataReference[]> s_references = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => p.Length > 0)

            // A project loads the generator as an analyzer, never as a reference: its shared types would clash.
            .Where(p => Path.GetFileName(p) != "Vypr.Generators.dll")
            .Append(typeof(MaxDurationAttribute).Assembly.Location)
            .Append(typeof(Probe).Assembly.Location)
            .Distinct()
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToArray());

    private static readonly CSharpParseOptions s_parseOptions = new CSharpParseOptions(LanguageVersion.Preview)
        .WithFeatures([new KeyValuePair<string, string>("InterceptorsNamespaces", "Vypr.Generated")]);

    /// <summary>Compiles <paramref name="source"/> into a library named <paramref name="name"/> under <paramref name="backend"/>, runs <c>Program.Run</c> once and collects the verdicts.</summary>
    public static BackendRun Run(Backend backend, string name, string source) => Run(backend, name, source, OptimizationLevel.Debug);

    /// <summary>As <see cref="Run(Backend, string, string)"/>, compiled with <paramref name="optimization"/> (a Debug or a Release build).</summary>
    public static BackendRun Run(Backend backend, string name, string source, OptimizationLevel optimization)
    {
        var compilation = CSharpCompilation.Create(
            name,
            [CSharpSyntaxTree.ParseText(SourceText.From(source, Encoding.UTF8), s_parseOptions, name + ".cs")],
            s_references.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: optimization, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true));

        var properties = new Dictionary<string, string> { ["VyprWeaving"] = backend == Backend.IL ? "IL" : "Interceptors" };
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new VyprGenerator().AsSourceGenerator()],
            parseOptions: s_parseOptions,
            optionsProvider: new BuildProperties(properties));
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out var generatorDiagnostics);
        Assert.Empty(generatorDiagnostics);
        Diagnostic[] problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToArray();
        Assert.True(problems.Length == 0, $"{name} under {backend}:\n" + string.Join("\n", problems.Take(20)));
        string report = driver.GetRunResult().GeneratedTrees
            .SingleOrDefault(t => t.FilePath.EndsWith("Vypr.WeavingReport.g.cs", StringComparison.Ordinal))?.GetText().ToString() ?? string.Empty;

        string folder = Path.Combine(CallerRun.RepositoryRoot, "artifacts", "corpus-tests", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        try
        {
            string path = Path.Combine(folder, name + ".dll");
            using (FileStream image = File.Create(path))
            using (FileStream symbols = File.Create(Path.ChangeExtension(path, ".pdb")))
            {
                EmitResult emitted = output.Emit(image, symbols, options: new EmitOptions(debugInformationFormat: DebugInformationFormat.PortablePdb));
                Assert.True(emitted.Success, string.Join(Environment.NewLine, emitted.Diagnostics));
            }

            if (backend == Backend.IL)
            {
                global::Fody.TestResult woven = new ModuleWeaver().ExecuteTestRun(path, runPeVerify: false, writeSymbols: true);
                Assert.True(woven.Errors.Count == 0, $"{name}: the weaver reported " + string.Join("\n", woven.Errors.Select(e => e.Text)));
                Assert.True(woven.Warnings.Count == 0, $"{name}: the weaver warned " + string.Join("\n", woven.Warnings.Select(e => e.Text)));
                path = woven.AssemblyPath;
            }

            // Vypr.Runtime resolves from the default context, so the program shares this process's monitor.
            var context = new AssemblyLoadContext($"corpus-{backend}-{name}", isCollectible: true);
            Assembly assembly = context.LoadFromStream(new MemoryStream(File.ReadAllBytes(path)));
            using TestScope scope = TestScope.Begin(name);
            object? result = RunProgram(assembly);
            return new BackendRun(backend, scope.Id, scope.CollectVerdicts(), report, result);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static object? RunProgram(Assembly assembly)
    {
        MethodInfo run = assembly.GetType("Program")!.GetMethod("Run", BindingFlags.Public | BindingFlags.Static)!;
        object? result = run.Invoke(null, null);
        if (result is Task task)
        {
            task.GetAwaiter().GetResult();
            return null;
        }

        return result;
    }
}
