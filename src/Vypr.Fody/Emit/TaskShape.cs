namespace Vypr.Fody.Emit;

/// <summary>What a woven method returns, which decides when its call ends: on return, or when its task completes.</summary>
internal enum TaskShape
{
    None,
    Task,
    TaskOfT,
    ValueTask,
    ValueTaskOfT,
}
