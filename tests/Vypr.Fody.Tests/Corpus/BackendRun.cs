using System.Collections.Generic;
using Vypr.Contracts;

namespace Vypr.Fody.Tests.Corpus;

/// <summary>What one program gave under one backend: its verdicts (in one test scope), and the generator's weaving report.</summary>
/// <param name="Backend">The backend it was woven by.</param>
/// <param name="TestId">The test scope the program ran in.</param>
/// <param name="Verdicts">The verdicts attributed to that test.</param>
/// <param name="WeavingReport">The weaving report's text (which call sites interceptors wove and which not, and why).</param>
/// <param name="Result">What <c>Program.Run</c> returned (null for a task).</param>
public sealed record BackendRun(Backend Backend, int TestId, IReadOnlyList<VerdictInfo> Verdicts, string WeavingReport, object? Result);
