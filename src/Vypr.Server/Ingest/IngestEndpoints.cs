using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Vypr.Contracts;
using Vypr.Server.Access;
using Vypr.Server.Logging;
using Vypr.Server.Storage;

namespace Vypr.Server.Ingest;

/// <summary>The write side: <c>POST /api/v1/ingest</c>.</summary>
internal static class IngestEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        RouteGroupBuilder group = app.MapGroup("/api/v1").WithTags("Ingest");
        group.MapPost("/ingest", IngestAsync)
            .AddEndpointFilter<TokenRequirement>()
            .Accepts<RunDocument>("application/json", BatchReader.NdjsonMediaType)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("Stores a batch of run documents")
            .WithDescription(
                "The body is one run document (schema vypr.run/1), a JSON array of them, or NDJSON (application/x-ndjson), " +
                "optionally with Content-Encoding: gzip. The batch is stored in one transaction, or not at all. A batch " +
                "delivered twice is stored once: verdicts are identified by run ID and sequence number. A token created for a " +
                "project writes that project only (403 otherwise). Non-finite doubles are the strings \"NaN\", \"Infinity\" and " +
                "\"-Infinity\"; texts may not hold U+0000 or unpaired surrogates. When the server is ingesting its limit of " +
                "batches and its queue is full, it answers 503 with Retry-After.");
    }

    private static async Task<Results<Ok<IngestOutcome>, ValidationProblem, ProblemHttpResult>> IngestAsync(
        HttpContext context,
        IngestWriter writer,
        IngestGate gate,
        ChunkPool chunks,
        ServerSettings settings,
        ILoggerFactory loggers,
        string? project,
        string? ciJob)
    {
        ILogger log = loggers.CreateLogger("Vypr.Server.Ingest");
        TokenGrant? grant = TokenRequirement.GrantOf(context);
        // A token of one project writes that project, and is its default; an unscoped token writes any project.
        string projectName = !string.IsNullOrWhiteSpace(project) ? project.Trim() : grant?.Project ?? "default";
        if (projectName.Length > 200)
        {
            return Invalid("project", "must be at most 200 characters");
        }

        try
        {
            BatchValidator.Characters(projectName, "project");
        }
        catch (BatchRejectedException e)
        {
            return Invalid(e.Field, e.Message);
        }

        if (grant?.Project is { } allowed && !string.Equals(allowed, projectName, StringComparison.Ordinal))
        {
            ServerLog.BatchRefused(log, projectName, StatusCodes.Status403Forbidden, "project", $"token '{grant.Name}' writes '{allowed}' only");
            return TypedResults.Problem(
                $"the token '{grant.Name}' writes project '{allowed}' only, not '{projectName}'",
                statusCode: StatusCodes.Status403Forbidden,
                title: "Forbidden");
        }

        if (ciJob is not null && (ciJob.Length > 2048 || !Uri.TryCreate(ciJob, UriKind.Absolute, out Uri? job) || job.Scheme is not ("http" or "https")))
        {
            return Invalid("ciJob", "must be an absolute http(s) URL of at most 2048 characters");
        }

        using IDisposable? turn = await gate.EnterAsync(context.RequestAborted);
        if (turn is null)
        {
            ServerLog.BatchRefused(log, projectName, StatusCodes.Status503ServiceUnavailable, "$", "the ingest queue is full");
            return Busy(context, $"the server is ingesting {settings.MaxConcurrentIngests} batches and {settings.MaxQueuedIngests} more are waiting; try again later");
        }

        try
        {
            List<(RunDocument, string)> batch = await BatchReader.ReadAsync(context.Request, chunks, settings.MaxRequestBytes, settings.MaxVerdictsPerRequest, context.RequestAborted);
            IngestOutcome outcome = await writer.WriteAsync(batch, new IngestSource(projectName, ciJob), context.RequestAborted);
            ServerLog.BatchStored(log, projectName, outcome.Runs, outcome.VerdictsReceived, outcome.VerdictsStored);
            return TypedResults.Ok(outcome);
        }
        catch (BatchRejectedException e)
        {
            ServerLog.BatchRefused(log, projectName, StatusCodes.Status400BadRequest, e.Field, e.Message);
            return Invalid(e.Field, e.Message);
        }
        catch (PayloadTooLargeException e)
        {
            ServerLog.BatchRefused(log, projectName, StatusCodes.Status413PayloadTooLarge, "$", e.Message);
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload too large");
        }
        catch (UnsupportedMediaTypeException e)
        {
            ServerLog.BatchRefused(log, projectName, StatusCodes.Status415UnsupportedMediaType, "$", e.Message);
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type");
        }
        catch (DbException e) when (IngestWriter.IsTransient(e))
        {
            ServerLog.BatchRefused(log, projectName, StatusCodes.Status503ServiceUnavailable, "$", e.Message);
            return Busy(context, $"the store aborted the batch {IngestWriter.MaxAttempts} times as a deadlock victim or serialization failure; nothing was stored; try again");
        }
    }

    private static ProblemHttpResult Busy(HttpContext context, string detail)
    {
        context.Response.Headers.RetryAfter = "1";
        return TypedResults.Problem(detail, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Busy");
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "The batch was not stored");
}
