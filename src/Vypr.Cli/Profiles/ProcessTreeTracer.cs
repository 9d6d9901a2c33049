using System;
using System.Collections.Generic;
using System.Diagnostics.Tracing;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Diagnostics.NETCore.Client;

namespace Vypr.Cli.Profiles;

/// <summary>
/// Traces the test process among the processes a <c>dotnet test</c> or <c>dotnet run</c> starts. Every .NET process of
/// the tree is started suspended (<c>DOTNET_DefaultDiagnosticPortSuspend=1</c>): this tracer finds each on its
/// diagnostics port, starts an EventPipe session on the one that runs the tests before its first instruction, and
/// resumes them all, so a test that ends in milliseconds is still profiled from its start. The session's stream is
/// copied to a <c>.nettrace</c> file until the test process exits.
/// </summary>
internal sealed class ProcessTreeTracer
{
    /// <summary>The variable that starts every .NET process suspended until a diagnostics client resumes it.</summary>
    public const string SuspendVariable = "DOTNET_DefaultDiagnosticPortSuspend";

    // dotnet-trace's cpu-sampling profile: the sampler (every managed thread's stack about every millisecond) and
    // the runtime's events that name the methods of the samples (loader and JIT at Verbose: MethodLoadVerbose gives
    // each jitted method's name as it is compiled, so the trace needs no rundown at the end), GC and exceptions.
    private static readonly EventPipeProvider[] s_providers =
    [
        new("Microsoft-DotNETCore-SampleProfiler", EventLevel.Informational),
        new("Microsoft-Windows-DotNETRuntime", EventLevel.Verbose, 0x14C14FCCBD),
    ];

    private readonly string _traceFile;
    private readonly Func<IReadOnlyList<string>, int> _priority;
    private readonly List<Trace> _traces = [];
    // A process left suspended would keep the run waiting for ever: after this long the run is ended and said so.
    private static readonly TimeSpan s_resumeLimit = TimeSpan.FromSeconds(60);

    private readonly Dictionary<int, DateTime> _waiting = [];
    private readonly HashSet<int> _done = [];
    private readonly HashSet<int> _tried = [];
    private readonly CancellationTokenSource _stop = new();
    private int _root;
    private Thread? _thread;
    private string? _lastError;
    private bool _stuck;

    /// <summary>Creates a tracer.</summary>
    /// <param name="traceFile">The <c>.nettrace</c> file to write.</param>
    /// <param name="priority">
    /// Whether a process of the tree, by its command line, may be the one that runs the tests: 0 not, else a
    /// priority. Every candidate is traced, and the trace of the highest priority (the last started among equals) is kept: a test host that runs the
    /// tests itself (xunit v2) or that starts the test assembly as a process of its own (xunit v3) cannot be told apart
    /// before it runs.
    /// </param>
    public ProcessTreeTracer(string traceFile, Func<IReadOnlyList<string>, int> priority)
    {
        _traceFile = traceFile;
        _priority = priority;
    }

    /// <summary>The process traced, once found.</summary>
    public int? TracedProcess { get; private set; }

    /// <summary>Whether this machine lets the tracer find a process tree's members (Linux: <c>/proc</c>).</summary>
    public static bool Supported => OperatingSystem.IsLinux() && Directory.Exists("/proc/self");

    /// <summary>Called when a process of the tree could not be resumed in time: the caller ends the run.</summary>
    public Action? Stuck { get; init; }

    /// <summary>Starts watching the tree under <paramref name="root"/> (the <c>dotnet</c> process just started).</summary>
    /// <param name="root">The root's process ID.</param>
    public void Start(int root)
    {
        _root = root;
        _thread = new Thread(Watch) { IsBackground = true, Name = "vypr profile watcher" };
        _thread.Start();
    }

    /// <summary>After the tree has exited: stops watching, waits for the traces' last bytes and keeps the test process's.</summary>
    /// <param name="wait">How long a trace may take to end after its process exited.</param>
    /// <returns>Null when the trace was written; else why not.</returns>
    public string? Finish(TimeSpan wait)
    {
        _stop.Cancel();
        _thread?.Join();
        if (_traces.Count == 0 || _stuck)
        {
            foreach (Trace trace in _traces)
            {
                trace.Session.Dispose();
                File.Delete(trace.File);
            }

            return _lastError is null
                ? "no test process of the run published a diagnostics port (diagnostics are off when DOTNET_EnableDiagnostics=0)"
                : $"the test process could not be traced: {_lastError}";
        }

        string? problem = null;
        Trace? kept = null;
        // Among equals the last started: the xunit v3 adapter of dotnet test starts the test assembly once to discover
        // the tests and again to run them.
        foreach (Trace trace in _traces.OrderByDescending(t => t.Priority).ThenByDescending(_traces.IndexOf))
        {
            try
            {
                if (!trace.Copy.Wait(wait))
                {
                    problem ??= $"the trace of process {trace.Process} did not end within {wait.TotalSeconds:0}s of the process's exit";
                }
                else if (kept is null && new FileInfo(trace.File).Length > 0)
                {
                    kept = trace;
                }
            }
            catch (AggregateException e)
            {
                problem ??= $"the trace of process {trace.Process} could not be written: {e.InnerException?.Message}";
            }
            finally
            {
                trace.Session.Dispose();
            }
        }

        foreach (Trace trace in _traces.Where(t => t != kept))
        {
            File.Delete(trace.File);
        }

        if (kept is null)
        {
            return problem ?? "the trace is empty";
        }

        File.Move(kept.File, _traceFile, overwrite: true);
        TracedProcess = kept.Process;
        return null;
    }

    private void Watch()
    {
        while (!_stop.IsCancellationRequested)
        {
            foreach (int pid in DiagnosticsClient.GetPublishedProcesses())
            {
                if (!_done.Contains(pid) && InTree(pid))
                {
                    Attach(pid);
                    DateTime now = DateTime.UtcNow;
                    if (!_done.Contains(pid) && now - _waiting.GetValueOrDefault(pid, now) > s_resumeLimit)
                    {
                        _lastError = $"process {pid} of the run could not be resumed within {s_resumeLimit.TotalSeconds:0}s, so the run was ended";
                        _done.Add(pid);
                        _stuck = true;
                        Stuck?.Invoke();
                    }
                    else
                    {
                        _waiting.TryAdd(pid, now);
                    }
                }
            }

            _stop.Token.WaitHandle.WaitOne(20);
        }
    }

    private void Attach(int pid)
    {
        var client = new DiagnosticsClient(pid);
        if (!_tried.Contains(pid) && CommandLine(pid) is { } commandLine && _priority(commandLine) is > 0 and int priority)
        {
            // Tried once: the process must be resumed whatever happens here, or the run would wait for ever.
            _tried.Add(pid);
            try
            {
                EventPipeSession session = client.StartEventPipeSession(s_providers, requestRundown: true, circularBufferMB: 256);
                string file = $"{_traceFile}.{pid.ToString(CultureInfo.InvariantCulture)}.part";
                FileStream stream = File.Create(file);
                Task copy = Task.Run(async () =>
                {
                    await using (stream)
                    {
                        await session.EventStream.CopyToAsync(stream);
                    }
                });
                _traces.Add(new Trace(pid, priority, session, file, copy));
            }
            catch (Exception e) when (e is ServerNotAvailableException or DiagnosticsClientException or IOException or UnauthorizedAccessException or TimeoutException)
            {
                _lastError = e.Message;
            }
        }

        try
        {
            client.ResumeRuntime();
            _done.Add(pid);
        }
        catch (Exception e) when (e is ServerNotAvailableException or DiagnosticsClientException or IOException or UnauthorizedAccessException or TimeoutException)
        {
            // A process that exited meanwhile needs nothing more; one whose port is not ready yet is tried again.
            if (!Directory.Exists($"/proc/{pid}"))
            {
                _done.Add(pid);
            }
        }
    }

    // Only the processes this run started: other programs' .NET processes on the machine are never touched.
    private bool InTree(int pid)
    {
        for (int current = pid, steps = 0; current > 1 && steps < 64; steps++)
        {
            if (current == _root)
            {
                return true;
            }

            if (ParentOf(current) is not { } parent)
            {
                return false;
            }

            current = parent;
        }

        return false;
    }

    private static int? ParentOf(int pid)
    {
        try
        {
            // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may hold spaces and parentheses, so read after the last ')'.
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private static string[]? CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private sealed record Trace(int Process, int Priority, EventPipeSession Session, string File, Task Copy);
}
