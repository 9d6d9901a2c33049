using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Vypr.Generators;
using Vypr.Generators.Analyzers;

// Usage: dotnet run -c Release --project benchmarks/build/Profile -- [rounds]
// CPU time (the process's user + system) of each stage, single-threaded (concurrentBuild off), so that the load of
// a shared machine stretches the wall time but not these numbers much. The first round includes the JIT: read the last.
string root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../.."));
int rounds = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 2;
string src = Path.Combine(root, "benchmarks/build/generated/Src");
string refPack = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
var parse = new CSharpParseOptions(LanguageVersion.Preview).WithFeatures([new("InterceptorsNamespaces", "Vypr.Generated")]);
var references = Directory.GetFiles(refPack, "*.dll").Where(IsManaged)
    .Concat(new[] { "Vypr.Specs", "Vypr.Runtime", "Vypr.Contracts" }.Select(p => Path.Combine(root, $"src/{p}/bin/Release/net10.0/{p}.dll")))
    .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToList();
var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, optimizationLevel: OptimizationLevel.Release, concurrentBuild: false);
ImmutableArray<DiagnosticAnalyzer> analyzers = [new SpecificationAnalyzer(), new FluentSpecificationAnalyzer(), new WeavingCoverageAnalyzer()];

for (int round = 1; round <= rounds; round++)
{
    var trees = Directory.GetFiles(src, "*.cs", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal)
        .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), parse, f)).ToList();
    CSharpCompilation Fresh() => CSharpCompilation.Create("BuildCost", trees, references, options);

    double plain = Cpu(() => Check(Fresh().Emit(new MemoryStream())));
    double bind = Cpu(() => Fresh().GetDiagnostics());
    GeneratorDriver driver = CSharpGeneratorDriver.Create([new VyprGenerator().AsSourceGenerator()], parseOptions: parse,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
    Compilation output = null!;
    CSharpCompilation input = Fresh();
    double generator = Cpu(() => driver = driver.RunGeneratorsAndUpdateCompilation(input, out output, out _));
    GeneratorRunResult run = driver.GetRunResult().Results[0];
    double withGenerated = Cpu(() => Check(output.Emit(new MemoryStream())));
    var withAnalyzers = output.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), null, concurrentAnalysis: false, logAnalyzerExecutionTime: true));
    withAnalyzers.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();

    Console.WriteLine($"round {round} (load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}), CPU ms:");
    Console.WriteLine($"  compile without Vypr (emit)          {plain,8:F0}");
    Console.WriteLine($"  of which binding (GetDiagnostics)    {bind,8:F0}");
    Console.WriteLine($"  Vypr's generator                     {generator,8:F0}  ({run.GeneratedSources.Length} files, {run.GeneratedSources.Sum(s => s.SourceText.Length):N0} chars)");
    Console.WriteLine($"  compile with the generated code      {withGenerated,8:F0}  (+{withGenerated - plain:F0} for the generated code)");
    foreach (DiagnosticAnalyzer analyzer in analyzers)
    {
        Console.WriteLine($"  analyzer {analyzer.GetType().Name,-28}{withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, default).GetAwaiter().GetResult().ExecutionTime.TotalMilliseconds,8:F0}  (elapsed)");
    }

    foreach ((string step, ImmutableArray<IncrementalGeneratorRunStep> runs) in run.TrackedSteps.Where(s => s.Value.Sum(r => r.ElapsedTime.TotalMilliseconds) >= 10))
    {
        Console.WriteLine($"  generator step {step,-23}{runs.Sum(r => r.ElapsedTime.TotalMilliseconds),8:F0}  (elapsed)");
    }
}

static double Cpu(Action action)
{
    TimeSpan start = Process.GetCurrentProcess().TotalProcessorTime;
    action();
    return (Process.GetCurrentProcess().TotalProcessorTime - start).TotalMilliseconds;
}

static void Check(Microsoft.CodeAnalysis.Emit.EmitResult result)
{
    if (!result.Success)
    {
        throw new InvalidOperationException("the library does not compile: " + string.Join("; ", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(3)));
    }
}

static bool IsManaged(string path)
{
    using var stream = File.OpenRead(path);
    using var reader = new System.Reflection.PortableExecutable.PEReader(stream);
    return reader.HasMetadata;
}
