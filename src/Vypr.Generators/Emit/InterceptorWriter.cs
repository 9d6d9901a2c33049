using System.Collections.Generic;
using System.Linq;
using Vypr.Formulas;
using Vypr.Generators.Model;

namespace Vypr.Generators;

/// <summary>
/// Writes the one interceptor of a call site. Every call site gets the same frame (the fast path when monitoring
/// is off, the clock read before the call, the call itself, the completion); a call that reaches
/// <c>[MaxDuration]</c> methods adds the duration probe, and each fluent-specification role adds its section: a
/// call of a scoped method begins and ends an invocation, a call in a scoped method's body records its events.
/// Whether the call returned normally is decided in one place for all of them.
/// </summary>
internal sealed class InterceptorWriter
{
    private const string Probe = "global::Vypr.Runtime.Probe";
    private const string Instance = "global::Vypr.Runtime.ScopeInstance";
    private const string PendingRecord = "global::Vypr.Runtime.PendingRecord";

    private readonly SourceWriter _writer;
    private readonly InterceptedCall _call;
    private readonly string _name;
    private readonly CallRole? _scope;
    private readonly CallRole[] _inner;
    private readonly string[] _captured;
    private readonly bool _returnsValue;
    private readonly bool _passesResult;
    private readonly string _resultType;
    private readonly string _invocation;
    private readonly bool _shared;
    private readonly bool _hostedBody;

    private InterceptorWriter(SourceWriter writer, InterceptedCall call, string name, bool shared = false, bool hostedBody = false)
    {
        _writer = writer;
        _call = call;
        _name = name;
        _shared = shared;
        _hostedBody = hostedBody;
        _scope = call.Roles.FirstOrDefault(r => r.IsScope);
        _inner = call.Roles.Where(r => !r.IsScope).ToArray();
        _captured = CapturedArguments(call);
        _returnsValue = call.ReturnType != "void";
        _passesResult = _returnsValue && call.ReturnRefKind == ParameterRefKind.None && NeedsResult(call);
        _resultType = ResultType(call);
        _invocation = Invocation(call, AccessorName(call, name, shared));
    }

    private bool HasRoles => _call.Roles.Length > 0;

    // A synchronous scoped call whose start and end only its own points read (no duration probe of its own, no
    // enclosing scope counting it, no parameter at entry) reads the clock only when one of those points' specifications
    // needs the scoped call's time (Probe.TimesScope, decided at registration); otherwise it holds Probe.Untimed.
    private bool MayLeaveScopeUntimed => _scope is not null && _call.Async == AsyncKind.None && _call.Targets.Length == 0
        && _inner.Length == 0 && _scope.Points.Any(p => p.Kind == PointKind.ScopeCall) && !_scope.Points.Any(p => p.Kind == PointKind.Change);

    private string Record => "VyprRecord_" + _name;

    private string Probed => "VyprProbed_" + _name;

    /// <summary>Writes the interceptor of <paramref name="call"/> (with its accessor and its recording method when it has them).</summary>
    public static void Write(SourceWriter writer, InterceptedCall call, string name) =>
        new InterceptorWriter(writer, call, name).WriteInterceptor();

    /// <summary>
    /// Writes the shared body of every call site of one shape (<paramref name="shape"/> has no place; its targets'
    /// site fields name the method's site parameters): an ordinary method that each site's one-line interceptor
    /// calls with its own site IDs, so thousands of call sites compile one body per shape instead of one each.
    /// </summary>
    public static void WriteShared(SourceWriter writer, InterceptedCall shape, string name) =>
        new InterceptorWriter(writer, shape, name, shared: true).WriteInterceptor();

    /// <summary>
    /// Writes the interceptor of a call declared inside the user's type (<see cref="InterceptedCall.Host"/>). A static
    /// call's interceptor is the usual one. An instance call's is an instance method of the receiver's type (an
    /// extension method cannot be declared in a nested type), which passes <c>this</c> to the usual body, written as
    /// an ordinary static method.
    /// </summary>
    public static void WriteHosted(SourceWriter writer, InterceptedCall call, string name)
    {
        if (!call.Host!.IsInstance)
        {
            Write(writer, call, name);
            return;
        }

        writer.Line($"[global::System.Runtime.CompilerServices.InterceptsLocation({call.LocationVersion}, {Emitter.Literal(call.LocationData)})] // {call.File}({call.Line},{call.Column})");
        foreach (AttributeModel attribute in call.ReturnAttributes)
        {
            writer.Line($"[return: {Attribute(attribute)}]");
        }

        bool byReference = call.ReturnRefKind != ParameterRefKind.None;
        string arguments = string.Join(", ", new[] { "this" }.Concat(call.Parameters.Select(Argument)));
        writer.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]");
        writer.Line($"internal {RefKeyword(call.ReturnRefKind)}{call.ReturnType} {name}({string.Join(", ", call.Parameters.Select(Declaration))}) =>");
        writer.Line($"    {(byReference ? "ref " : string.Empty)}{name}_Body({arguments});");
        writer.Line();
        new InterceptorWriter(writer, call, name + "_Body", hostedBody: true).WriteInterceptor();
    }

    /// <summary>The file-local class that carries an asynchronous call's recording state to its completion, if it needs one.</summary>
    public static void WritePending(SourceWriter writer, InterceptedCall call, string name)
    {
        if (call.Roles.Length > 0 && call.Async != AsyncKind.None)
        {
            new InterceptorWriter(writer, call, name).WritePendingClass();
        }
    }

    private void WriteInterceptor()
    {
        if (_call.Form == CallForm.Accessor)
        {
            WriteAccessor();
            _writer.Line();
        }

        if (!_shared && !_hostedBody)
        {
            _writer.Line($"[global::System.Runtime.CompilerServices.InterceptsLocation({_call.LocationVersion}, {Emitter.Literal(_call.LocationData)})] // {_call.File}({_call.Line},{_call.Column})");
        }

        foreach (AttributeModel attribute in _call.ReturnAttributes)
        {
            _writer.Line($"[return: {Attribute(attribute)}]");
        }

        // The interceptor itself is only the switch: small and without exception handling, so the JIT inlines it at
        // the call site and, monitoring being off, folds it to the original call. The probe lives in a method of its
        // own. A shared body is the same switch, inlined into the one-line interceptors that forward to it, and takes
        // the site IDs as parameters.
        string declaredReceiver = _call.Receiver is null ? string.Empty : Declaration(_call.Receiver);
        IEnumerable<string> siteParameters = _shared ? _call.Targets.Select(t => "int " + t.SiteField) : Enumerable.Empty<string>();
        string parameters = string.Join(", ", _call.Parameters.Select(Declaration).Concat(siteParameters));
        string separator = declaredReceiver.Length > 0 && parameters.Length > 0 ? ", " : string.Empty;
        string returns = $"{RefKeyword(_call.ReturnRefKind)}{_call.ReturnType}";
        string extension = declaredReceiver.Length > 0 && !_shared && !_hostedBody ? "this " : string.Empty;
        _writer.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]");
        _writer.Open($"internal static {returns} {_name}({extension}{declaredReceiver}{separator}{parameters})");
        _writer.Open($"if (!{Probe}.IsEnabled)");
        WriteOriginalCall();
        _writer.Close();
        _writer.Line();
        string arguments = string.Join(", ", (_call.Receiver is null ? Enumerable.Empty<ParameterModel>() : new[] { _call.Receiver }).Concat(_call.Parameters).Select(Argument)
            .Concat(_shared ? _call.Targets.Select(t => t.SiteField) : Enumerable.Empty<string>()));
        string probed = $"{Probed}({arguments})";
        _writer.Line(!_returnsValue ? probed + ";" : _call.ReturnRefKind == ParameterRefKind.None ? $"return {probed};" : $"return ref {probed};");
        _writer.Close();
        _writer.Line();
        foreach (AttributeModel attribute in _call.ReturnAttributes)
        {
            _writer.Line($"[return: {Attribute(attribute)}]");
        }

        _writer.Open($"private static {returns} {Probed}({declaredReceiver}{separator}{parameters})");
        WriteSiteSelection();
        for (int i = 0; i < _inner.Length; i++)
        {
            _writer.Line($"{Instance}? vyprInner{i} = {Instance}.Current(VyprRegistrations.{_inner[i].ScopeField});");
        }

        if (_scope is not null)
        {
            // A synchronous method's invocation is current on its thread only, and allocates nothing; one whose body
            // may go on after the call returns (async, a returned task, an iterator) is current in its async flow.
            string enter = _scope.OnCallingThread && _call.Async == AsyncKind.None ? "EnterScopeOnThread" : "EnterScope";
            _writer.Line($"{Instance} vyprScope = {Probe}.{enter}(VyprRegistrations.{_scope.ScopeField});");
        }

        if (MayLeaveScopeUntimed)
        {
            string timed = string.Join(" || ", _scope!.Points.Where(p => p.Kind == PointKind.ScopeCall).Select(p => $"{Probe}.TimesScope(VyprRegistrations.{p.Field})"));
            _writer.Line($"long vyprStart = {timed} ? {Probe}.Start() : {Probe}.Untimed;");
        }
        else
        {
            _writer.Line($"long vyprStart = {Probe}.Start();");
        }

        WriteScopeEntry();
        if (_call.Async == AsyncKind.None)
        {
            WriteSynchronousBody();
        }
        else
        {
            WriteAsynchronousBody();
        }

        _writer.Close();
        if (HasRoles)
        {
            _writer.Line();
            WriteRecordMethod();
        }
    }

    // The original call, returning what it returns: when monitoring is off, and when the call reaches nothing to record.
    private void WriteOriginalCall()
    {
        _writer.Line((_returnsValue ? "return " + (_call.ReturnRefKind == ParameterRefKind.None ? string.Empty : "ref ") : string.Empty) + _invocation + ";");
        if (!_returnsValue)
        {
            _writer.Line("return;");
        }
    }

    private void WriteSiteSelection()
    {
        if (_call.Targets.Length == 0)
        {
            return;
        }

        if (HasRoles)
        {
            // A call whose receiver is not a monitored type still records its fluent-specification events: the
            // duration probe is skipped with site 0 instead of returning early.
            _writer.Line("int vyprSite = 0;");
            foreach (MonitoredTarget target in _call.Targets)
            {
                if (target.RuntimeType is null)
                {
                    _writer.Line($"vyprSite = {SiteOf(target)};");
                    break;
                }

                _writer.Open($"if (vyprSite == 0 && @this.GetType() == typeof({target.RuntimeType}))");
                _writer.Line($"vyprSite = {SiteOf(target)};");
                _writer.Close();
            }

            return;
        }

        if (_call.Targets.Length == 1 && _call.Targets[0].RuntimeType is null)
        {
            if (!_shared)
            {
                // A shared body receives it as its parameter vyprSite.
                _writer.Line($"int vyprSite = {SiteOf(_call.Targets[0])};");
                _writer.Line();
            }

            return;
        }

        // The call dispatches at run time: the probe fires only when it reaches a monitored implementation, and with
        // nothing else to record the call is made as it is. A null receiver throws NullReferenceException here
        // exactly as the call itself would.
        _writer.Line("int vyprSite;");
        string receiverType = "@this.GetType()";
        if (_call.Targets.Length > 1)
        {
            _writer.Line("global::System.Type vyprReceiverType = @this.GetType();");
            receiverType = "vyprReceiverType";
        }

        string keyword = "if";
        foreach (MonitoredTarget target in _call.Targets)
        {
            string condition = target.RuntimeType is null ? "true" : $"{receiverType} == typeof({target.RuntimeType})";
            _writer.Open($"{keyword} ({condition})");
            _writer.Line($"vyprSite = {SiteOf(target)};");
            _writer.Close();
            keyword = "else if";
        }

        _writer.Open("else");
        WriteOriginalCall();
        _writer.Close();
        _writer.Line();
    }

    private void WriteScopeEntry()
    {
        if (_scope is null)
        {
            return;
        }

        foreach (PointModel point in _scope.Points.Where(p => p.Kind == PointKind.ScopeCall))
        {
            _writer.Line($"{Probe}.Entered(VyprRegistrations.{point.Field}, vyprScope, vyprStart);");
        }

        // Parameters are changes at entry: their values are captured before the body runs.
        foreach (PointModel point in _scope.Points.Where(p => p.Kind == PointKind.Change))
        {
            foreach (CaptureName capture in point.Captures)
            {
                _writer.Line(Capture(capture.ReadFrom(CaptureSource.Argument, point.Variable), new[] { Escape(point.Variable!) }, null));
            }

            _writer.Line($"{Probe}.Event(VyprRegistrations.{point.Field}, vyprScope, vyprStart, vyprStart, true);");
        }
    }

    // Every shape of return marks the call completed after it returned and before the finally block reads the flag:
    // a call that returned normally is never reported as ended by an exception.
    private void WriteSynchronousBody()
    {
        _writer.Line("bool vyprCompleted = false;");
        if (_passesResult)
        {
            _writer.Line($"{_call.ReturnType} vyprResult = default!;");
        }

        _writer.Open("try");
        if (!_returnsValue)
        {
            _writer.Line(_invocation + ";");
            _writer.Line("vyprCompleted = true;");
        }
        else if (_call.ReturnRefKind != ParameterRefKind.None)
        {
            _writer.Line($"{RefKeyword(_call.ReturnRefKind)}{_call.ReturnType} vyprResult = ref {_invocation};");
            _writer.Line("vyprCompleted = true;");
            _writer.Line("return ref vyprResult;");
        }
        else
        {
            // A return with nullability attributes ([return: MaybeNull]) may hold null where its declared type says it
            // cannot; the local only carries it back to the caller, who sees the method's own annotations.
            string suppression = _call.ReturnAttributes.Length > 0 ? "!" : string.Empty;
            _writer.Line($"{(_passesResult ? string.Empty : _call.ReturnType + " ")}vyprResult = {_invocation}{suppression};");
            _writer.Line("vyprCompleted = true;");
            _writer.Line("return vyprResult;");
        }

        _writer.Close();
        _writer.Open("finally");
        if (!HasRoles)
        {
            _writer.Line($"{Probe}.Stop(vyprSite, vyprStart, vyprCompleted);");
        }
        else
        {
            _writer.Line(MayLeaveScopeUntimed ? $"long vyprEnd = {Probe}.ScopeEnd(vyprStart);" : $"long vyprEnd = {Probe}.Start();");
            if (_scope is not null)
            {
                _writer.Line($"{Probe}.LeaveScope(vyprScope);");
            }

            WriteGuardedStop("vyprCompleted");
            _writer.Line($"{Record}({RecordArguments("vyprEnd", "vyprCompleted", "vyprResult")});");
        }

        _writer.Close();
    }

    private void WriteAsynchronousBody()
    {
        _writer.Line($"{_call.ReturnType} vyprTask;");
        _writer.Open("try");
        _writer.Line($"vyprTask = {_invocation};");
        _writer.Close();
        _writer.Open("catch");
        if (!HasRoles)
        {
            _writer.Line($"{Probe}.Stop(vyprSite, vyprStart, completed: false);");
            _writer.Line("throw;");
            _writer.Close();
            _writer.Line();
            _writer.Line($"return {Probe}.StopWhenComplete(vyprTask, vyprSite, vyprStart);");
            return;
        }

        if (_scope is not null)
        {
            _writer.Line($"{Probe}.LeaveScope(vyprScope);");
        }

        WriteGuardedStop("false");
        _writer.Line($"{Record}({RecordArguments(Probe + ".Start()", "false", "default!")});");
        _writer.Line("throw;");
        _writer.Close();
        _writer.Line();
        if (_scope is not null)
        {
            // The async method captured the invocation at its first await; the caller goes on outside it.
            _writer.Line($"{Probe}.LeaveScope(vyprScope);");
        }

        WriteCompletion();
        _writer.Line(_call.Targets.Length > 0
            ? $"return vyprSite != 0 ? {Probe}.StopWhenComplete(vyprTask, vyprSite, vyprStart) : vyprTask;"
            : "return vyprTask;");
    }

    private void WriteGuardedStop(string completed)
    {
        if (_call.Targets.Length > 0)
        {
            _writer.Open("if (vyprSite != 0)");
            _writer.Line($"{Probe}.Stop(vyprSite, vyprStart, {completed});");
            _writer.Close();
        }
    }

    private void WriteCompletion()
    {
        // The caller gets a task that completes once the call is recorded (PendingRecord says why): a scoped method
        // awaiting it can never end before its events.
        string pending = $"new VyprPending_{_name}({PendingArguments()})";
        string Recorded(string task) => $"{PendingRecord}.When({task}, static (task, state) => ((VyprPending_{_name})state!).Complete(task), {pending})";
        if (_call.Async == AsyncKind.Task)
        {
            string taskResult = _passesResult ? "vyprTask.IsCompletedSuccessfully ? vyprTask.Result : default!" : string.Empty;
            _writer.Open("if (vyprTask.IsCompleted)");
            _writer.Line($"{Record}({RecordArguments(Probe + ".Start()", "vyprTask.IsCompletedSuccessfully", taskResult)});");
            _writer.Close();
            _writer.Open("else");
            _writer.Line($"vyprTask = {Recorded("vyprTask")};");
            _writer.Close();
            return;
        }

        // A value task may be consumed once: a completed result is read and handed back as a new value task, and a
        // pending one is turned into a task exactly once and wrapped again.
        _writer.Open("if (vyprTask.IsCompletedSuccessfully)");
        if (_resultType.Length > 0)
        {
            _writer.Line($"{_resultType} vyprResult = vyprTask.Result;");
            _writer.Line($"vyprTask = new {_call.ReturnType}(vyprResult);");
        }

        _writer.Line($"{Record}({RecordArguments(Probe + ".Start()", "true", "vyprResult")});");
        _writer.Close();
        _writer.Open("else");
        _writer.Line($"vyprTask = new {_call.ReturnType}({Recorded("vyprTask.AsTask()")});");
        _writer.Close();
    }

    private string TaskType => _resultType.Length > 0
        ? $"global::System.Threading.Tasks.Task<{_resultType}>"
        : "global::System.Threading.Tasks.Task";

    private IEnumerable<string> StateNames() =>
        Enumerable.Range(0, _inner.Length).Select(i => "vyprInner" + i)
            .Concat(_scope is null ? Enumerable.Empty<string>() : new[] { "vyprScope" });

    private string RecordArguments(string end, string completed, string result) =>
        string.Join(", ", StateNames()
            .Concat(new[] { "vyprStart", end, completed })
            .Concat(_captured)
            .Concat(_passesResult && result.Length > 0 ? new[] { result } : Enumerable.Empty<string>()));

    // A synchronous scoped method's invocation is pooled once it exits; one whose call is still pending is held
    // (never reused), as the call's events may come after the exit, from another thread.
    private string PendingArguments() =>
        string.Join(", ", Enumerable.Range(0, _inner.Length).Select(i => $"{Instance}.Held(vyprInner{i})")
            .Concat(_scope is null ? Enumerable.Empty<string>() : new[] { "vyprScope" })
            .Concat(new[] { "vyprStart" })
            .Concat(_captured));

    private void WritePendingClass()
    {
        var fields = new List<(string Type, string Name)>();
        for (int i = 0; i < _inner.Length; i++)
        {
            fields.Add(($"{Instance}?", "vyprInner" + i));
        }

        if (_scope is not null)
        {
            fields.Add((Instance, "vyprScope"));
        }

        fields.Add(("long", "vyprStart"));
        foreach (string argument in _captured)
        {
            fields.Add((ArgumentType(argument), argument));
        }

        _writer.Open($"file sealed class VyprPending_{_name}({string.Join(", ", fields.Select(f => f.Type + " " + f.Name))})");
        string result = _passesResult ? ", task.IsCompletedSuccessfully ? task.Result : default!" : string.Empty;
        _writer.Line($"public void Complete({TaskType} task) => VyprInterceptors.{Record}(" +
            string.Join(", ", StateNames()
                .Concat(new[] { "vyprStart", $"{Probe}.Start()", "task.IsCompletedSuccessfully" })
                .Concat(_captured)) + result + ");");
        _writer.Close();
        _writer.Line();
    }

    private void WriteRecordMethod()
    {
        var parameters = new List<string>();
        for (int i = 0; i < _inner.Length; i++)
        {
            parameters.Add($"{Instance}? vyprInner{i}");
        }

        if (_scope is not null)
        {
            parameters.Add($"{Instance} vyprScope");
        }

        parameters.Add("long vyprStart");
        parameters.Add("long vyprEnd");
        parameters.Add("bool vyprCompleted");
        foreach (string argument in _captured)
        {
            parameters.Add(ArgumentType(argument) + " " + argument);
        }

        if (_passesResult)
        {
            parameters.Add(_resultType + " vyprResult");
        }

        string? result = _passesResult ? "vyprResult" : null;
        _writer.Open($"internal static void {Record}({string.Join(", ", parameters)})");
        for (int i = 0; i < _inner.Length; i++)
        {
            _writer.Open($"if (vyprInner{i} is not null)");
            foreach (PointModel point in _inner[i].Points.Where(p => p.Kind == PointKind.Call))
            {
                foreach (CaptureName capture in point.Captures)
                {
                    _writer.Line(Capture(capture, _captured, result));
                }

                _writer.Line($"{Probe}.Event(VyprRegistrations.{point.Field}, vyprInner{i}, vyprStart, vyprEnd, vyprCompleted);");
            }

            // A call that threw assigned nothing: there is no change to record. The assignment happens after the call
            // returned, so the change reads the clock again: a change is "after" the call that produced it.
            PointModel[] changes = _inner[i].Points.Where(p => p.Kind == PointKind.Change).ToArray();
            if (changes.Length > 0)
            {
                _writer.Open("if (vyprCompleted)");
                _writer.Line($"long vyprChanged = {Probe}.Start();");
                foreach (PointModel point in changes)
                {
                    foreach (CaptureName capture in point.Captures)
                    {
                        _writer.Line(Capture(capture.ReadFrom(CaptureSource.Result), _captured, result));
                    }

                    _writer.Line($"{Probe}.Event(VyprRegistrations.{point.Field}, vyprInner{i}, vyprChanged, vyprChanged, true);");
                }

                _writer.Close();
            }

            _writer.Close();
        }

        if (_scope is not null)
        {
            foreach (PointModel point in _scope.Points.Where(p => p.Kind == PointKind.ScopeCall))
            {
                foreach (CaptureName capture in point.Captures)
                {
                    _writer.Line(Capture(capture, _captured, result));
                }

                _writer.Line($"{Probe}.{(MayLeaveScopeUntimed ? "ScopeEvent" : "Event")}(VyprRegistrations.{point.Field}, vyprScope, vyprStart, vyprEnd, vyprCompleted);");
            }

            _writer.Line($"{Probe}.Exited(vyprScope, vyprEnd);");
        }

        _writer.Close();
    }

    private void WriteAccessor()
    {
        string firstParameter = _call.Receiver is null ? $"{_call.CallTarget}? @this" : Declaration(_call.Receiver);
        string parameters = string.Join(string.Empty, _call.Parameters.Select(p => ", " + Declaration(p)));
        string kind = _call.Receiver is null ? "StaticMethod" : "Method";
        _writer.Line($"[global::System.Runtime.CompilerServices.UnsafeAccessor(global::System.Runtime.CompilerServices.UnsafeAccessorKind.{kind}, Name = \"{_call.MethodName}\")]");
        _writer.Line($"private static extern {RefKeyword(_call.ReturnRefKind)}{_call.ReturnType} {AccessorName(_call, _name, _shared)}({firstParameter}{parameters});");
    }

    // Generated interceptors read their site IDs from the registrations; a shared body gets them as parameters.
    private string SiteOf(MonitoredTarget target) => _shared ? target.SiteField : "VyprRegistrations." + target.SiteField;

    private string ArgumentType(string argument) => _call.Parameters.First(p => p.Name == argument).Type;

    private static string AccessorName(InterceptedCall call, string name, bool shared) =>
        shared ? "Call" + name : $"Call{call.MethodName}_{call.Line}_{call.Column}";

    // The expression that calls the original method with the interceptor's parameters.
    private static string Invocation(InterceptedCall call, string accessorName)
    {
        string typeArguments = call.TypeArguments.Length > 0 ? "<" + string.Join(", ", call.TypeArguments) + ">" : string.Empty;
        string arguments = string.Join(", ", call.Parameters.Select(Argument));
        string WithReceiver(string receiver) => receiver + (arguments.Length > 0 ? ", " + arguments : string.Empty);
        return call.Form switch
        {
            CallForm.Accessor => $"{accessorName}({WithReceiver(call.Receiver is null ? "null" : Argument(call.Receiver))})",
            CallForm.Extension => $"{call.CallTarget}.{call.MethodName}{typeArguments}({WithReceiver(Argument(call.Receiver!))})",
            CallForm.Static => $"{call.CallTarget}.{call.MethodName}{typeArguments}({arguments})",
            _ => $"@this.{call.MethodName}{typeArguments}({arguments})",
        };
    }

    internal static string Declaration(ParameterModel parameter) =>
        string.Concat(parameter.Attributes.Select(a => $"[{Attribute(a)}] "))
        + (parameter.IsScoped ? "scoped " : string.Empty)
        + RefKeyword(parameter.RefKind) + parameter.Type + " " + parameter.Name;

    // 'ref readonly' and 'in' parameters both take a readable reference; 'in' also accepts what 'ref readonly' warns about.
    internal static string Argument(ParameterModel parameter) => parameter.RefKind switch
    {
        ParameterRefKind.Ref => "ref ",
        ParameterRefKind.Out => "out ",
        ParameterRefKind.In or ParameterRefKind.RefReadOnly => "in ",
        _ => string.Empty,
    } + parameter.Name;

    internal static string RefKeyword(ParameterRefKind refKind) => refKind switch
    {
        ParameterRefKind.Ref => "ref ",
        ParameterRefKind.Out => "out ",
        ParameterRefKind.In => "in ",
        ParameterRefKind.RefReadOnly => "ref readonly ",
        _ => string.Empty,
    };

    internal static string Attribute(AttributeModel attribute) =>
        attribute.Arguments.Length == 0
            ? attribute.Type
            : attribute.Type + "(" + string.Join(", ", attribute.Arguments.Select(ArgumentText)) + ")";

    private static string ArgumentText(AttributeArgument argument) =>
        argument.Boolean is bool value ? (value ? "true" : "false")
        : argument.IsArray ? "new string[] { " + string.Join(", ", argument.Texts.Select(Emitter.Literal)) + " }"
        : Emitter.Literal(argument.Texts[0]);

    // The arguments some point captures, by the interceptor's parameter names (out parameters are never read: a call
    // that throws may leave them unassigned).
    private static string[] CapturedArguments(InterceptedCall call) => call.Roles
        .SelectMany(r => r.Points.Where(p => !(r.IsScope && p.Kind == PointKind.Change)))
        .SelectMany(p => p.Captures)
        .Where(c => c.Source == CaptureSource.Argument)
        .Select(c => Escape(c.Parameter!))
        .Where(n => call.Parameters.Any(p => p.Name == n && p.RefKind != ParameterRefKind.Out))
        .Distinct()
        .OrderBy(n => n, System.StringComparer.Ordinal)
        .ToArray();

    private static bool NeedsResult(InterceptedCall call) => call.Roles.Any(r => r.Points.Any(p =>
        (!r.IsScope && p.Kind == PointKind.Change) || p.Captures.Any(c => c.Source == CaptureSource.Result)));

    // The value a call produces: the awaited type of a Task<T> or ValueTask<T>, the return type otherwise.
    private static string ResultType(InterceptedCall call)
    {
        if (call.Async == AsyncKind.None)
        {
            return call.ReturnType == "void" ? string.Empty : call.ReturnType;
        }

        int open = call.ReturnType.IndexOf('<');
        return open < 0 ? string.Empty : call.ReturnType.Substring(open + 1, call.ReturnType.Length - open - 2);
    }

    // A capture the call cannot provide (an argument it does not have, the result of a void or ref-returning
    // method) is written as missing, so the values stay aligned with the point's capture list.
    private static string Capture(CaptureName capture, string[] arguments, string? result)
    {
        string? source = capture.Source switch
        {
            CaptureSource.Argument when arguments.Contains(Escape(capture.Parameter!)) => Escape(capture.Parameter!),
            CaptureSource.Result => result,
            _ => null,
        };
        return source is null
            ? $"{Probe}.Missing();"
            : $"{Probe}.{(capture.Length ? "Length" : "Value")}({source});";
    }

    private static string Escape(string name) => "@" + name;
}
