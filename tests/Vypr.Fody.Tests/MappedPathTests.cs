using System;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Threading.Tasks;
using Xunit;

namespace Vypr.Fody.Tests;

/// <summary>
/// A deterministic build (ContinuousIntegrationBuild, as many libraries set in Release) maps the PDB's source paths to
/// <c>/_/</c>. The weaver reads its locations from that PDB, yet its call sites and its build messages name the files
/// as they are on disk, as the interceptors of the same build do: a path under <c>/_/</c> opens in no editor.
/// </summary>
public sealed class MappedPathTests
{
    private const string Source = """
        using Vypr;

        namespace Mapped;

        public sealed class Calc
        {
            public int Run(int x)
            {
                int doubled = Twice(x);
                return doubled + 1;
            }

            [MaxDuration("1s")]
            public static int Twice(int x) => x * 2;
        }

        public static class CalcSpecifications
        {
            [PerformanceSpecification]
            public static Specification Doubles => Specification
                .For<Calc>(nameof(Calc.Run))
                .Forall("d", Changes.Of("doubled"))
                .Check(d => d.Value() >= 0);
        }
        """;

    [Fact]
    public async Task Woven_call_sites_and_build_messages_name_the_files_on_disk_when_the_PDB_maps_them()
    {
        string folder = await WeaverBuild.CreateAsync("Mapped.csproj", WeaverBuild.IlProject("\n    <TreatWarningsAsErrors>false</TreatWarningsAsErrors>"), "Calc.cs", Source);
        try
        {
            string onDisk = Path.Combine(folder, "Calc.cs");

            // The compiler's own syntax (a comma inside a path is written twice), in the form the SDK's
            // ContinuousIntegrationBuild writes: folders with their trailing separator. Two folders map to /_/, as a
            // deterministic build's source roots may (NuGet's package folder is one): the file is under the second.
            string elsewhere = Path.Combine(Path.GetTempPath(), "vypr-no-such-folder-" + Guid.NewGuid().ToString("N")) + "/";
            // On MSBuild's command line a comma separates properties: it is written %2C.
            string pathMap = $"{elsewhere.Replace(",", ",,")}=/_/,{folder.Replace(",", ",,")}/=/_/";
            (int exitCode, string output) = await WeaverBuild.RunAsync(folder, "PathMap=" + pathMap.Replace(",", "%2C"));

            Assert.True(exitCode == 0, output);
            string assembly = Path.Combine(folder, "bin", "Release", "net10.0", "Mapped.dll");

            // The premise: the PDB names the file under /_/ (else this test proves nothing).
            using (FileStream pdbStream = File.OpenRead(Path.ChangeExtension(assembly, ".pdb")))
            using (MetadataReaderProvider pdb = MetadataReaderProvider.FromPortablePdbStream(pdbStream))
            {
                MetadataReader reader = pdb.GetMetadataReader();
                Assert.Contains("/_/Calc.cs", reader.Documents.Select(d => reader.GetString(reader.GetDocument(d).Name)));
            }

            // The weaver's build message (the observed local the Release build removed) names the file on disk.
            Assert.True(output.Contains(onDisk + "(", StringComparison.Ordinal), output);
            Assert.False(output.Contains("/_/Calc.cs", StringComparison.Ordinal), output);

            // The registered call sites (the [MaxDuration] method's declaration, the scoped method's points) too.
            string[] strings = UserStrings(assembly);
            Assert.Contains(onDisk, strings);
            Assert.DoesNotContain(strings, s => s.StartsWith("/_/", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string[] UserStrings(string assembly)
    {
        using FileStream stream = File.OpenRead(assembly);
        using var pe = new PEReader(stream);
        MetadataReader reader = pe.GetMetadataReader();
        var strings = new System.Collections.Generic.List<string>();
        UserStringHandle handle = MetadataTokens.UserStringHandle(1);
        while (!handle.IsNil)
        {
            strings.Add(reader.GetUserString(handle));
            handle = reader.GetNextHandle(handle);
        }

        return strings.ToArray();
    }
}
