using System;

namespace Vypr.Server.Ingest;

/// <summary>A batch that cannot be stored as sent; it becomes a 400 problem that names the offending field.</summary>
internal sealed class BatchRejectedException : Exception
{
    public BatchRejectedException(string field, string message)
        : base(message)
    {
        Field = field;
    }

    public BatchRejectedException(string field, string message, Exception inner)
        : base(message, inner)
    {
        Field = field;
    }

    /// <summary>The JSON path of the offending value (<c>$[0].verdicts[3].specificationId</c>).</summary>
    public string Field { get; }
}
