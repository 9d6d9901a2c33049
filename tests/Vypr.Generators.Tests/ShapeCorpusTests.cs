using System.Collections.Generic;
using Vypr.Generators.Tests.Harness;
using Xunit;

namespace Vypr.Generators.Tests;

/// <summary>
/// The generator never breaks a build: every receiver and signature C# allows at a call site, as a
/// <c>[MaxDuration]</c> call, a call a fluent specification quantifies over and a call of a scoped method, either
/// compiles without warnings and records each call once, or is declined with a documented diagnostic.
/// </summary>
public sealed class ShapeCorpusTests
{
    private const string Fail = "throw new InvalidOperationException(\"the call did not do what it does unintercepted\");";

    public static readonly Shape[] Receivers =
    [
        new("value-type receiver, plain method", "public struct P { public int X; BOUND public int Get(int a) => X + a; }", "P", "Get",
            "var p = new P { X = 1 }; if (p.Get(1) != 2) " + Fail),
        new("value-type receiver, readonly member", "public struct P { public int X; BOUND public readonly int Get(int a) => X + a; }", "P", "Get",
            "var p = new P { X = 1 }; if (p.Get(1) != 2) " + Fail),
        new("readonly struct receiver", "public readonly struct P { public readonly int X; public P(int x) { X = x; } BOUND public int Get(int a) => X + a; }", "P", "Get",
            "if (new P(1).Get(1) != 2) " + Fail),
        new("mutating call on a static field", "public struct P { public int X; BOUND public void Bump() => X++; } public static class Holder { public static P Field; }", "P", "Bump",
            "Holder.Field.Bump(); if (Holder.Field.X != 1) " + Fail),
        new("mutating call on an instance field", "public struct P { public int X; BOUND public void Bump() => X++; } public sealed class Holder { public P Field; }", "P", "Bump",
            "var h = new Holder(); h.Field.Bump(); if (h.Field.X != 1) " + Fail),
        new("this inside a struct", "public struct P { public int X; BOUND public void Bump() => X++; public int Run() { Bump(); return X; } }", "P", "Bump",
            "var p = new P(); if (p.Run() != 1) " + Fail, IsDirect: false),
        new("mutating call on a readonly field (a defensive copy)", "public struct P { public int X; BOUND public int Bump() => ++X; } public sealed class Holder { public readonly P Field; public int Run() => Field.Bump(); }", "P", "Bump",
            "var h = new Holder(); if (h.Run() != 1 || h.Field.X != 0) " + Fail, IsDirect: false),
        new("mutating call on an in parameter (a defensive copy)", "public struct P { public int X; BOUND public int Bump() => ++X; } public static class User { public static int Use(in P p) => p.Bump(); }", "P", "Bump",
            "var p = new P(); if (User.Use(in p) != 1 || p.X != 0) " + Fail, IsDirect: false),
        new("mutating call on an rvalue", "public struct P { public int X; BOUND public int Bump() => ++X; public static P Make() => new P(); }", "P", "Bump",
            "if (P.Make().Bump() != 1) " + Fail),
        new("readonly call on an rvalue", "public struct P { public int X; BOUND public readonly int Get() => X + 1; public static P Make() => new P(); }", "P", "Get",
            "if (P.Make().Get() != 1) " + Fail),
        new("boxed struct through an interface", "public interface IB { int Get(); } public struct P : IB { BOUND public int Get() => 1; }", "P", "Get",
            "var p = new P(); if (p.Get() != 1) " + Fail),
        new("in extension on a struct", "public struct P { public int X; } public static class E { BOUND public static int Read(this in P p, int a) => p.X + a; }", "E", "Read",
            "var p = new P { X = 1 }; if (p.Read(1) != 2) " + Fail),
        new("ref extension on a struct", "public struct P { public int X; } public static class E { BOUND public static void Inc(this ref P p) => p.X++; }", "E", "Inc",
            "var p = new P(); p.Inc(); if (p.X != 1) " + Fail),
        new("ref readonly extension on a struct", "public struct P { public int X; } public static class E { BOUND public static int Read(this ref readonly P p) => p.X; }", "E", "Read",
            "var p = new P { X = 3 }; if (p.Read() != 3) " + Fail),
        new("ref struct receiver", "public ref struct R { public int X; BOUND public int Get() => X + 1; }", "R", "Get",
            "var r = new R(); if (r.Get() != 1) " + Fail),
        new("readonly ref struct receiver", "public readonly ref struct R { public readonly int X; public R(int x) { X = x; } BOUND public int Get() => X + 1; }", "R", "Get",
            "var r = new R(2); if (r.Get() != 3) " + Fail),
        new("generic struct receiver", "public struct G<T> { public T V; BOUND public T Get() => V; }", "G<int>", "Get",
            "var g = new G<int> { V = 4 }; if (g.Get() != 4) " + Fail),
        new("class receiver in a local", "public sealed class K { BOUND public int Get() => 1; }", "K", "Get",
            "var k = new K(); if (k.Get() != 1) " + Fail),
        new("conditional access", "public sealed class K { BOUND public int Get() => 1; }", "K", "Get",
            "K? k = new K(); if (k?.Get() != 1) " + Fail),
    ];

    public static readonly Shape[] Signatures =
    [
        new("Span parameter", "public static class S { BOUND public static int Sum(Span<int> s) { int t = 0; foreach (int v in s) t += v; return t; } }", "S", "Sum",
            "Span<int> s = stackalloc int[] { 1, 2 }; if (S.Sum(s) != 3) " + Fail),
        new("scoped ReadOnlySpan parameter", "public static class S { BOUND public static int Len(scoped ReadOnlySpan<char> s) => s.Length; }", "S", "Len",
            "if (S.Len(\"abc\") != 3) " + Fail),
        new("ref, out, in and ref readonly parameters", "public static class S { BOUND public static void M(ref int a, out int b, in int c, ref readonly int d) { a++; b = c + d; } }", "S", "M",
            "int a = 1, c = 2, d = 3; S.M(ref a, out int b, in c, in d); if (a != 2 || b != 5) " + Fail),
        new("ref return", "public sealed class C { private int _v; BOUND public ref int Slot() => ref _v; public int V => _v; }", "C", "Slot",
            "var c = new C(); ref int s = ref c.Slot(); s = 5; if (c.V != 5) " + Fail),
        new("ref readonly return", "public sealed class C { private int _v = 7; BOUND public ref readonly int Slot() => ref _v; }", "C", "Slot",
            "var c = new C(); ref readonly int s = ref c.Slot(); if (s != 7) " + Fail),
        new("params array", "public static class S { BOUND public static int Count(params int[] xs) => xs.Length; }", "S", "Count",
            "if (S.Count(1, 2, 3) != 3) " + Fail),
        new("params span", "public static class S { BOUND public static int Count(params ReadOnlySpan<int> xs) => xs.Length; }", "S", "Count",
            "if (S.Count(1, 2, 3) != 3) " + Fail),
        new("params collection", "public static class S { BOUND public static int Count(params System.Collections.Generic.IEnumerable<int> xs) => System.Linq.Enumerable.Count(xs); }", "S", "Count",
            "if (S.Count(1, 2, 3) != 3) " + Fail),
        new("optional parameters and named arguments", "public static class S { BOUND public static int Opt(int a, int b = 2, string? c = null) => a + b + (c?.Length ?? 0); }", "S", "Opt",
            "if (S.Opt(1, c: \"xy\") != 5) " + Fail),
        new("nullable annotations", "public static class S { BOUND public static string? Find(string? key, object? o, int? n) => key ?? o?.ToString() ?? n?.ToString(); }", "S", "Find",
            "if (S.Find(null, null, 3) != \"3\") " + Fail),
        new("NotNullWhen and MaybeNullWhen", "public static class S { BOUND public static bool TryGet([NotNullWhen(true)] string? k, [MaybeNullWhen(false)] out string v) { if (k is null) { v = default; return false; } v = k; return true; } }", "S", "TryGet",
            "if (!S.TryGet(\"a\", out string? v) || v.Length != 1) " + Fail),
        new("NotNull, AllowNull and DisallowNull", "public static class S { BOUND public static void Fill([NotNull] ref string? a, [AllowNull] string b, [DisallowNull] int? c) { a ??= b ?? c.ToString()!; } }", "S", "Fill",
            "string? a = null; S.Fill(ref a, null, 1); if (a.Length != 1) " + Fail),
        new("NotNullIfNotNull return", "public static class S { [return: NotNullIfNotNull(nameof(s))] BOUND public static string? Echo(string? s) => s; }", "S", "Echo",
            "if (S.Echo(\"x\").Length != 1) " + Fail),
        new("MaybeNull return and DoesNotReturnIf", "public static class S { [return: MaybeNull] BOUND public static T First<T>(T[] xs) => xs.Length > 0 ? xs[0] : default; public static void Check([DoesNotReturnIf(false)] bool ok) { if (!ok) throw new InvalidOperationException(); } }", "S", "First",
            "string? f = S.First(new[] { \"a\" }); if (f != \"a\") " + Fail),
        new("DoesNotReturnIf parameter", "public static class S { BOUND public static void Check([DoesNotReturnIf(false)] bool ok) { if (!ok) throw new InvalidOperationException(); } }", "S", "Check",
            "string? s = \"a\"; S.Check(s is not null); if (s.Length != 1) " + Fail),
        new("MemberNotNull on the method", "public sealed class M { public string? Name; [MemberNotNull(nameof(Name))] BOUND public void Init() => Name = \"n\"; }", "M", "Init",
            "var m = new M(); m.Init(); if (m.Name.Length != 1) " + Fail),
        new("unmanaged constraint", "public static class S { BOUND public static int Size<T>(T v) where T : unmanaged => System.Runtime.CompilerServices.Unsafe.SizeOf<T>(); }", "S", "Size",
            "if (S.Size(5) != 4) " + Fail),
        new("notnull constraint", "public static class S { BOUND public static string Show<T>(T v) where T : notnull => v.ToString()!; }", "S", "Show",
            "if (S.Show(\"a\") != \"a\") " + Fail),
        new("allows ref struct", "public static class S { BOUND public static int Id<T>(T v) where T : allows ref struct => 1; }", "S", "Id",
            "if (S.Id<Span<int>>(default) != 1) " + Fail),
        new("new() constraint", "public static class S { BOUND public static T Make<T>() where T : new() => new T(); }", "S", "Make",
            "if (S.Make<System.Text.StringBuilder>().Length != 0) " + Fail),
        new("class and struct constraints", "public static class S { BOUND public static int Both<T, U>(T t, U u) where T : class where U : struct => 1; }", "S", "Both",
            "if (S.Both(\"a\", 1) != 1) " + Fail),
        new("static abstract interface member", "public interface IZ<TSelf> where TSelf : IZ<TSelf> { static abstract int Zero(); } public sealed class Z : IZ<Z> { BOUND public static int Zero() => 0; }", "Z", "Zero",
            "if (Z.Zero() != 0) " + Fail),
        new("static abstract member through a type parameter", "public interface IZ<TSelf> where TSelf : IZ<TSelf> { static abstract int Zero(); } public sealed class Z : IZ<Z> { public static int Zero() => 0; } public static class W { BOUND public static int Of<T>() where T : IZ<T> => T.Zero(); }", "W", "Of",
            "if (W.Of<Z>() != 0) " + Fail),
        new("init-only and required members", "public sealed class Rq { public required string Name { get; init; } public int Extra { get; init; } BOUND public int Len() => Name.Length + Extra; }", "Rq", "Len",
            "if (new Rq { Name = \"ab\", Extra = 1 }.Len() != 3) " + Fail),
        new("pointer parameter", "public static unsafe class U { BOUND public static int Deref(int* p) => *p; }", "U", "Deref",
            "unsafe { int x = 1; if (U.Deref(&x) != 1) " + Fail + " }", DeclinedIn: "abc"),
        new("unsafe context with managed types", "public static unsafe class U { BOUND public static int Twice(int x) => x * 2; }", "U", "Twice",
            "unsafe { int x = 1; int* p = &x; if (U.Twice(*p) != 2) " + Fail + " }"),
        new("checked context", "public static class S { BOUND public static int Add(int a, int b) => a + b; }", "S", "Add",
            "try { _ = checked(S.Add(int.MaxValue, 0) + 1); " + Fail + " } catch (OverflowException) { }"),
        new("call in a lambda", "public static class S { BOUND public static int Get() => 1; }", "S", "Get",
            "Func<int> f = () => S.Get(); if (f() != 1) " + Fail, DeclinedIn: "b"),
        new("call in a local function", "public static class S { BOUND public static int Get() => 1; }", "S", "Get",
            "int Local() => S.Get(); if (Local() != 1) " + Fail, DeclinedIn: "b"),
        new("call in an expression-bodied member", "public sealed class Eb { BOUND public int Get() => 1; public int Via => Get(); }", "Eb", "Get",
            "if (new Eb().Via != 1) " + Fail, IsDirect: false),
        new("awaited Task", "public sealed class T1 { BOUND public async Task<int> GetAsync() { await Task.Yield(); return 1; } }", "T1", "GetAsync",
            "if (await new T1().GetAsync() != 1) " + Fail, IsAsync: true),
        new("awaited ValueTask", "public sealed class T1 { BOUND public async ValueTask Wait() { await Task.Yield(); } }", "T1", "Wait",
            "await new T1().Wait();", IsAsync: true),
        new("async result assigned to a changed variable", "public sealed class T1 { BOUND public async Task<string> NameAsync(int n) { await Task.Yield(); return new string('u', n); } }", "T1", "NameAsync",
            "string u = await new T1().NameAsync(8); if (u.Length != 8) " + Fail, IsAsync: true, Change: "u"),
        new("dynamic receiver", "public sealed class Dy { BOUND public int Late() => 1; }", "Dy", "Late",
            "dynamic d = new Dy(); if ((int)d.Late() != 1) " + Fail, DeclinedIn: "abc"),
        new("dynamic argument", "public static class Dy { BOUND public static int Take(int x) => x; }", "Dy", "Take",
            "dynamic d = 1; if ((int)Dy.Take(d) != 1) " + Fail, DeclinedIn: "abc"),
    ];

    public static readonly Shape[] LibraryCalls =
    [
        new("int.ToString(IFormatProvider) assigned to a changed variable", string.Empty, "int", "ToString",
            "int p = 5; string g = p.ToString(System.Globalization.CultureInfo.InvariantCulture); if (g != \"5\") " + Fail, Change: "g", IsLibraryCall: true),
        new("Guid on an rvalue", string.Empty, "Guid", "ToString",
            "string g = Guid.Empty.ToString(\"N\"); if (g.Length != 32) " + Fail, Change: "g", IsLibraryCall: true),
        new("DateTime.AddDays on a readonly struct", string.Empty, "DateTime", "AddDays",
            "if (DateTime.MinValue.AddDays(1).Day != 2) " + Fail, IsLibraryCall: true),
        new("Dictionary.TryGetValue with MaybeNullWhen", string.Empty, "System.Collections.Generic.Dictionary<string, string>", "TryGetValue",
            "var d = new System.Collections.Generic.Dictionary<string, string> { [\"a\"] = \"b\" }; if (!d.TryGetValue(\"a\", out string? v) || v.Length != 1) " + Fail, IsLibraryCall: true),
        new("string.IsNullOrEmpty with NotNullWhen", string.Empty, "string", "IsNullOrEmpty",
            "string? s = \"a\"; if (string.IsNullOrEmpty(s) || s.Length != 1) " + Fail, IsLibraryCall: true),
        new("int.TryParse with NotNullWhen and out", string.Empty, "int", "TryParse",
            "if (!int.TryParse(\"5\", out int n) || n != 5) " + Fail, IsLibraryCall: true),
        new("Path.GetFileName with NotNullIfNotNull", string.Empty, "System.IO.Path", "GetFileName",
            "string f = System.IO.Path.GetFileName(\"a/b.txt\"); if (f != \"b.txt\") " + Fail, IsLibraryCall: true, IsScopable: false),
        new("ArgumentNullException.ThrowIfNull with NotNull", string.Empty, "ArgumentNullException", "ThrowIfNull",
            "object? o = \"a\"; ArgumentNullException.ThrowIfNull(o); if (o.GetHashCode() == 0 && o.ToString()!.Length != 1) " + Fail, IsLibraryCall: true),
        new("Interlocked.Exchange, generic with NotNullIfNotNull", string.Empty, null, "Exchange",
            "string? o = null; string? old = System.Threading.Interlocked.Exchange(ref o, \"x\"); if (old is not null || o != \"x\") " + Fail, IsLibraryCall: true),
        new("MemoryExtensions.IndexOf on a span", string.Empty, null, "IndexOf",
            "ReadOnlySpan<char> s = \"abc\"; if (s.IndexOf('b') != 1) " + Fail, IsLibraryCall: true),
        new("Span.Fill on a readonly ref struct", string.Empty, "Span<int>", "Fill",
            "Span<int> s = stackalloc int[2]; s.Fill(3); if (s[1] != 3) " + Fail, IsLibraryCall: true),
        new("List.Add", string.Empty, "System.Collections.Generic.List<int>", "Add",
            "var l = new System.Collections.Generic.List<int>(); l.Add(1); if (l.Count != 1) " + Fail, IsLibraryCall: true),
        new("StringBuilder.Append returning the builder", string.Empty, "System.Text.StringBuilder", "Append",
            "var b = new System.Text.StringBuilder(); if (b.Append('x').Length != 1) " + Fail, IsLibraryCall: true),
        new("Enum.HasFlag on a boxed enum", string.Empty, "Enum", "HasFlag",
            "if (!DayOfWeek.Monday.HasFlag(DayOfWeek.Sunday)) " + Fail, IsLibraryCall: true),
        new("Math.Max", string.Empty, "Math", "Max",
            "if (Math.Max(1, 2) != 2) " + Fail, IsLibraryCall: true),
        new("Task.Delay awaited", string.Empty, "Task", "Delay",
            "await Task.Delay(1);", IsAsync: true, IsLibraryCall: true),
    ];

    [Fact]
    public void Receivers_compile_and_record_every_call_in_every_role() => ShapeCorpus.Verify(Receivers, "Receivers");

    [Fact]
    public void Signatures_compile_and_record_every_call_in_every_role() => ShapeCorpus.Verify(Signatures, "Signatures");

    [Fact]
    public void Annotated_library_calls_compile_and_record_every_call() => ShapeCorpus.Verify(LibraryCalls, "LibraryCalls");
}
