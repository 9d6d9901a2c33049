using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Vypr.Contracts;
using Vypr.Server.Ingest;

namespace Vypr.Server.Api;

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
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Stores a batch of run documents")
            .WithDescription(
                "The body is one run document (schema vypr.run/1), a JSON array of them, or NDJSON (application/x-ndjson), " +
                "optionally with Content-Encoding: gzip. The batch is stored in one transaction, or not at all. A batch " +
                "delivered twice is stored once: verdicts are identified by run ID and sequence number.");
    }

    private static async Task<Results<Ok<IngestOutcome>, ValidationProblem, ProblemHttpResult>> IngestAsync(
        HttpContext context,
        IngestWriter writer,
        ServerSettings settings,
        string? project,
        string? ciJob)
    {
        string projectName = string.IsNullOrWhiteSpace(project) ? "default" : project.Trim();
        if (projectName.Length > 200)
        {
            return Invalid("project", "must be at most 200 characters");
        }

        if (ciJob is not null && (ciJob.Length > 2048 || !Uri.TryCreate(ciJob, UriKind.Absolute, out Uri? job) || job.Scheme is not ("http" or "https")))
        {
            return Invalid("ciJob", "must be an absolute http(s) URL of at most 2048 characters");
        }

        try
        {
            List<(RunDocument, string)> batch = await BatchReader.ReadAsync(context.Request, settings.MaxRequestBytes, settings.MaxVerdictsPerRequest, context.RequestAborted);
            IngestOutcome outcome = await writer.WriteAsync(batch, new IngestSource(projectName, ciJob), context.RequestAborted);
            return TypedResults.Ok(outcome);
        }
        catch (BatchRejectedException e)
        {
            return Invalid(e.Field, e.Message);
        }
        catch (PayloadTooLargeException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload too large");
        }
        catch (UnsupportedMediaTypeException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type");
        }
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "The batch was not stored");
}
