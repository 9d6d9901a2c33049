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
// With a second argument "code": what in the generated code costs the compiler. The generator runs once; then the
// library is compiled with its generated files as they are and with each file rewritten by one textual change, so
// each change's share of the "+N s for the generated code" is measured without changing the generator.
int rounds = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 2;
string src = Path.Combine(root, "benchmarks/build/generated/Src");
string refPack = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
var parse = new CSharpParseOptions(LanguageVersion.Preview).WithFeatures([new("InterceptorsNamespaces", "Vypr.Generated")]);
var references = Directory.GetFiles(refPack, "*.dll").Where(IsManaged)
    .Concat(new[] { "Vypr.Specs", "Vypr.Runtime", "Vypr.Contracts" }.Select(p => Path.Combine(root, $"src/{p}/bin/Release/net10.0/{p}.dll")))
    .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToList();
var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, optimizationLevel: OptimizationLevel.Release, concurrentBuild: false);
ImmutableArray<DiagnosticAnalyzer> analyzers = [new SpecificationAnalyzer(), new FluentSpecificationAnalyzer(), new WeavingCoverageAnalyzer()];

if (args.Length > 1 && args[1] == "code")
{
    GeneratedCodeVariants();
    return;
}

for (int round = 1; round <= rounds; round++)
{
    var trees = Directory.GetFiles(src, "*.cs", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal)
        .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), parse, f)).ToList();
    CSharpCompilation Fresh() => CSharpCompilation.Create("BuildCost", trees, references, options);

    double plain = Cpu(() => Check(Fresh().Emit(new MemoryStream())));
    double bind = Cpu(() => Fresh().GetDiagnostics());
    // The generator as the command-line compiler runs it (a new driver, no step tracking), split into what the
    // calling thread did and what other threads (background JIT, GC) did meanwhile, with the JIT's and the GC's own counts.
    GeneratorDriver untracked = CSharpGeneratorDriver.Create([new VyprGenerator().AsSourceGenerator()], parseOptions: parse);
    Compilation output = null!;
    CSharpCompilation input = Fresh();
    GC.Collect();
    GC.WaitForPendingFinalizers();
    var split = Measure(() => untracked = untracked.RunGeneratorsAndUpdateCompilation(input, out output, out _));
    double generator = split.Process;
    // The same again with tracked steps, for each step's elapsed time (tracking keeps every step's inputs and outputs).
    GeneratorDriver driver = CSharpGeneratorDriver.Create([new VyprGenerator().AsSourceGenerator()], parseOptions: parse,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
    double tracked = Cpu(() => driver = driver.RunGenerators(Fresh()));
    GeneratorRunResult run = driver.GetRunResult().Results[0];
    // The untracked run once more, after the tracked one, so that neither order nor the JIT makes the difference between them.
    double again = Cpu(() => CSharpGeneratorDriver.Create([new VyprGenerator().AsSourceGenerator()], parseOptions: parse).RunGenerators(Fresh()));
    // What the driver does after the generator: parse what it added. Parsed again here, each file on its own, the weaving report apart.
    var parsed = run.GeneratedSources.Select(s => (s.HintName, Cpu: ThreadCpu(() => CSharpSyntaxTree.ParseText(s.SourceText, parse, s.HintName).GetRoot()), s.SourceText.Length)).ToList();
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

    Console.WriteLine($"  the generator's run, split:");
    Console.WriteLine($"    calling thread (CPU)               {split.Thread,8:F0}");
    Console.WriteLine($"    other threads (CPU: JIT, GC)       {split.Process - split.Thread,8:F0}");
    Console.WriteLine($"    driver's elapsed / generator's     {untracked.GetTimingInfo().ElapsedTime.TotalMilliseconds,8:F0} / {untracked.GetTimingInfo().GeneratorTimes[0].ElapsedTime.TotalMilliseconds:F0}  (elapsed)");
    Console.WriteLine($"    methods JIT'd / JIT time           {split.Jitted,8:N0} / {split.JitMs:F0} ms (all threads)");
    Console.WriteLine($"    allocated / GC pauses              {split.Allocated / 1048576.0,8:F0} MB / {split.PauseMs:F0} ms ({split.Collections} gen0+ collections)");
    Console.WriteLine($"    parse of the generated files (CPU) {parsed.Sum(p => p.Cpu),8:F0}  (report {parsed.Where(p => p.HintName == "Vypr.WeavingReport.g.cs").Sum(p => p.Cpu):F0} ms, {parsed.Where(p => p.HintName == "Vypr.WeavingReport.g.cs").Sum(p => p.Length):N0} chars)");
    Console.WriteLine($"    tracked run, for the steps (CPU)   {tracked,8:F0}  (untracked again after it: {again:F0})");
    foreach ((string step, ImmutableArray<IncrementalGeneratorRunStep> runs) in run.TrackedSteps.Concat(run.TrackedOutputSteps).Where(s => s.Value.Sum(r => r.ElapsedTime.TotalMilliseconds) >= 1))
    {
        Console.WriteLine($"    step {step,-30}{runs.Sum(r => r.ElapsedTime.TotalMilliseconds),8:F0}  (elapsed, {runs.Length} runs)");
    }
}

void GeneratedCodeVariants()
{
    var trees = Directory.GetFiles(src, "*.cs", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal)
        .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), parse, f)).ToList();
    CSharpCompilation Fresh() => CSharpCompilation.Create("BuildCost", trees, references, options);
    GeneratorDriver driver = CSharpGeneratorDriver.Create([new VyprGenerator().AsSourceGenerator()], parseOptions: parse);
    driver = driver.RunGenerators(Fresh());
    var generated = driver.GetRunResult().Results[0].GeneratedSources.Select(g => (g.HintName, Text: g.SourceText.ToString())).ToList();
    var variants = new (string Name, Func<string, string> Change)[]
    {
        ("as generated", t => t),
        ("InterceptsLocation declared once (internal)", null!),
        ("no InterceptsLocation (not intercepted)", t => System.Text.RegularExpressions.Regex.Replace(t, @"\[global::System\.Runtime\.CompilerServices\.InterceptsLocation\([^)]*\)\]", "")),
        ("no generated code", t => null!),
    };
    // The first file that declares the attribute keeps one internal declaration; the others lose theirs.
    Func<string, string> OneAttributeDeclaration()
    {
        bool declared = false;
        const string Declaration = "    file sealed class InterceptsLocationAttribute";
        return t =>
        {
            if (!t.Contains(Declaration))
            {
                return t;
            }

            if (!declared)
            {
                declared = true;
                return t.Replace(Declaration, "    internal sealed class InterceptsLocationAttribute");
            }

            int start = t.IndexOf("namespace System.Runtime.CompilerServices", StringComparison.Ordinal);
            int end = t.IndexOf("namespace Vypr.Generated", StringComparison.Ordinal);
            return t.Remove(start, end - start);
        };
    }

    for (int round = 1; round <= rounds; round++)
    {
        Console.WriteLine($"round {round} (load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}), CPU ms of the emit:");
        // Each round starts at another variant, and every measurement starts after a full collection, so that neither
        // the JIT nor the previous compile's garbage is charged to one variant (both were, in an earlier fixed order).
        foreach ((string name, Func<string, string> variant) in variants.Skip((round - 1) % variants.Length).Concat(variants.Take((round - 1) % variants.Length)))
        {
            Func<string, string> change = variant ?? OneAttributeDeclaration();
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var extra = generated.Select(g => change(g.Text)).Where(t => t is not null)
                .Select((t, i) => CSharpSyntaxTree.ParseText(t, parse, "gen" + i + ".g.cs")).ToList();
            var compilation = Fresh().AddSyntaxTrees(extra);
            Microsoft.CodeAnalysis.Emit.EmitResult result = null!;
            double cpu = Cpu(() => Check(result = compilation.Emit(new MemoryStream())));
            int warnings = result.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Warning);
            Console.WriteLine($"  {name,-42}{cpu,8:F0}  ({extra.Sum(t => t.Length):N0} chars, {warnings} warnings{(warnings > 0 ? ": " + result.Diagnostics.First(d => d.Severity == DiagnosticSeverity.Warning) : "")})");
        }
    }
}

static double Cpu(Action action)
{
    TimeSpan start = Process.GetCurrentProcess().TotalProcessorTime;
    action();
    return (Process.GetCurrentProcess().TotalProcessorTime - start).TotalMilliseconds;
}

static (double Process, double Thread, long Jitted, double JitMs, long Allocated, double PauseMs, int Collections) Measure(Action action)
{
    long jitted = System.Runtime.JitInfo.GetCompiledMethodCount();
    TimeSpan jitTime = System.Runtime.JitInfo.GetCompilationTime();
    long allocated = GC.GetTotalAllocatedBytes(precise: true);
    TimeSpan pauses = GC.GetTotalPauseDuration();
    int collections = GC.CollectionCount(0);
    double thread = 0;
    double process = Cpu(() => thread = ThreadCpu(action));
    return (process, thread, System.Runtime.JitInfo.GetCompiledMethodCount() - jitted, (System.Runtime.JitInfo.GetCompilationTime() - jitTime).TotalMilliseconds,
        GC.GetTotalAllocatedBytes(precise: true) - allocated, (GC.GetTotalPauseDuration() - pauses).TotalMilliseconds, GC.CollectionCount(0) - collections);
}

// CPU time of the calling thread (CLOCK_THREAD_CPUTIME_ID), which the GC's and the JIT's background threads do not add to.
static double ThreadCpu(Action action)
{
    double start = ThreadClock.Now();
    action();
    return ThreadClock.Now() - start;
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

static class ThreadClock
{
    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    public static double Now()
    {
        const int ThreadCpuTime = 3;
        ClockGetTime(ThreadCpuTime, out TimeSpec time);
        return time.Seconds * 1000.0 + time.Nanoseconds / 1e6;
    }
}
