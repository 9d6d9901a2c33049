using System;

namespace Vypr;

/// <summary>
/// Marks a static property or field of type <see cref="Specification"/> as a performance specification of this
/// project. Vypr's source generator reads the fluent chain that initialises it at compile time, weaves probes into
/// the calls and changes it talks about, and registers it with the runtime monitor.
/// </summary>
/// <example>
/// <code>
/// [PerformanceSpecification]
/// public static Specification WritesAfterBigFiles =&gt; Specification
///     .For&lt;Uploader&gt;(nameof(Uploader.Upload))
///     .Forall("q", Changes.Of("file"))
///     .Forall("t", Calls.To&lt;FileStore&gt;(nameof(FileStore.Write)).After("q"))
///     .Check((q, t) =&gt; Formula.If(q.Value() == "big.bin").Then(t.Duration() &lt;= Duration.Seconds(1)));
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = false, Inherited = false)]
public sealed class PerformanceSpecificationAttribute : Attribute
{
}
