namespace Vypr.Generators.Model;

/// <summary>How a monitored call completes: on return, or when the task it returns completes.</summary>
internal enum AsyncKind
{
    None,
    Task,
    ValueTask,
}
