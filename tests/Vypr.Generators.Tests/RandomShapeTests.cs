using System;
using System.Globalization;
using System.Linq;
using Vypr.Generators.Tests.Harness;
using Vypr.Tests.Shared.Corpus;
using Xunit;

namespace Vypr.Generators.Tests;

/// <summary>
/// Random call shapes from <see cref="ShapeGrammar"/>, in every role, held to the corpus promise: generated code
/// compiles without warnings and records each call once. Seeded; VYPR_SHAPE_COUNT (default 200) and
/// VYPR_SHAPE_SEED (default 20261128) choose how many and which; a failure names the seed and the shape.
/// </summary>
public sealed class RandomShapeTests
{
    private const int BatchSize = 100;

    [Fact]
    public void Random_call_shapes_compile_and_record_every_call()
    {
        int count = int.TryParse(Environment.GetEnvironmentVariable("VYPR_SHAPE_COUNT"), CultureInfo.InvariantCulture, out int n) ? n : 200;
        int seed = int.TryParse(Environment.GetEnvironmentVariable("VYPR_SHAPE_SEED"), CultureInfo.InvariantCulture, out int s) ? s : 20261128;
        var grammar = new ShapeGrammar(seed);
        Shape[] shapes = Enumerable.Range(0, count).Select(grammar.Next).ToArray();

        // One compilation per batch: compiling many shapes together costs little more than compiling one.
        for (int batch = 0; batch * BatchSize < shapes.Length; batch++)
        {
            Shape[] slice = shapes.Skip(batch * BatchSize).Take(BatchSize).ToArray();
            try
            {
                ShapeCorpus.Verify(slice, $"Random{seed}x{batch}");
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException($"seed {seed}, batch {batch}:\n{e.Message}");
            }
        }
    }
}
