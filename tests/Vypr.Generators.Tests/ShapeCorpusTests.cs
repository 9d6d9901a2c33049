using Vypr.Generators.Tests.Harness;
using Vypr.Tests.Shared.Corpus;
using Xunit;

namespace Vypr.Generators.Tests;

/// <summary>
/// The generator never breaks a build: every receiver and signature C# allows at a call site, as a
/// <c>[MaxDuration]</c> call, a call a fluent specification quantifies over and a call of a scoped method, either
/// compiles without warnings and records each call once, or is declined with a documented diagnostic.
/// The shapes are shared with the comparison of the two backends (tests/Shared/Corpus/CallShapes.cs).
/// </summary>
public sealed class ShapeCorpusTests
{
    [Fact]
    public void Receivers_compile_and_record_every_call_in_every_role() => ShapeCorpus.Verify(CallShapes.Receivers, "Receivers");

    [Fact]
    public void Signatures_compile_and_record_every_call_in_every_role() => ShapeCorpus.Verify(CallShapes.Signatures, "Signatures");

    [Fact]
    public void Annotated_library_calls_compile_and_record_every_call() => ShapeCorpus.Verify(CallShapes.LibraryCalls, "LibraryCalls");
}
