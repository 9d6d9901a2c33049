using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Vypr.Contracts;
using Vypr.Contracts.Reads;
using Vypr.Server.Access;
using Vypr.Server.Load;
using Vypr.Server.Storage;

namespace Vypr.Server.Reads;

/// <summary>The read side: projects, runs, tests, methods, specifications, and calls with their verdicts.</summary>
internal static class ReadEndpoints
{
    public static void Map(IEndpointRouteBuilder app, ReadAccess access)
    {
        RouteGroupBuilder group = app.MapGroup("/api/v1").WithTags("Read");
        if (access == ReadAccess.Token)
        {
            group.AddEndpointFilter<TokenRequirement>()
                .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status401Unauthorized, typeof(ProblemDetails), ["application/problem+json"]));
        }

        // Paging is checked once, here; the listings' result types keep ValidationProblem because this filter answers it.
        group.AddEndpointFilter<PagingFilter>();
        group.MapGet("/projects", ProjectsAsync).WithSummary("Lists projects");
        group.MapGet("/runs", RunsAsync).WithSummary("Lists runs, optionally of one project, branch or commit");
        group.MapGet("/runs/{runId:guid}", RunAsync).WithSummary("Gets one run");
        group.MapGet("/runs/{runId:guid}/tests", TestsAsync).WithSummary("Lists the tests of a run with their outcomes, wall times and every per-test measurement");
        group.MapGet("/runs/{runId:guid}/summaries", SummariesAsync)
            .WithSummary("Lists exact per-test, per-call-site statistics of every call of a run, kept individually or not");
        group.MapGet("/runs/{runId:guid}/load", LoadAsync)
            .WithSummary("Gets the load section of a run made by vypr load: per test entry its counts, rates, latency and metric distributions, errors and thresholds");
        group.MapGet("/methods", MethodsAsync).WithSummary("Lists monitored methods");
        group.MapGet("/specifications", SpecificationsAsync).WithSummary("Lists specifications, optionally of one method");
        group.MapGet("/methods/{methodId:long}/calls", CallsAsync)
            .WithSummary("Lists the calls of a method, filtered by verdict value, run, test and start time");
        group.MapGet("/calls/{callId:long}", CallAsync).WithSummary("Gets a call with its call site, verdicts and observations");
    }

    private static async Task<Results<Ok<Page<ProjectItem>>, ValidationProblem>> ProjectsAsync(VerdictQueries queries, [AsParameters] PageRequest page, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.ProjectsAsync(page.AfterId, page.Size, cancellationToken));

    private static async Task<Results<Ok<Page<RunItem>>, ValidationProblem>> RunsAsync(
        VerdictQueries queries, string? project, string? branch, string? commit, [AsParameters] PageRequest page, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.RunsAsync(project, branch, commit, page.AfterId, page.Size, cancellationToken));

    private static async Task<Results<Ok<RunItem>, ProblemHttpResult>> RunAsync(VerdictQueries queries, Guid runId, CancellationToken cancellationToken) =>
        await queries.RunAsync(runId, cancellationToken) is { } run ? TypedResults.Ok(run) : NotFound($"no run {runId}");

    // A listing under a run or a method that does not exist is a 404, like the run or method itself, not an empty page.
    private static async Task<Results<Ok<Page<TestItem>>, ValidationProblem, ProblemHttpResult>> TestsAsync(VerdictQueries queries, Guid runId, [AsParameters] PageRequest page, CancellationToken cancellationToken) =>
        !await queries.RunExistsAsync(runId, cancellationToken) ? NotFound($"no run {runId}")
        : TypedResults.Ok(await queries.TestsAsync(runId, page.AfterId, page.Size, cancellationToken));

    private static async Task<Results<Ok<Page<SummaryItem>>, ValidationProblem, ProblemHttpResult>> SummariesAsync(VerdictQueries queries, Guid runId, [AsParameters] PageRequest page, CancellationToken cancellationToken) =>
        !await queries.RunExistsAsync(runId, cancellationToken) ? NotFound($"no run {runId}")
        : TypedResults.Ok(await queries.SummariesAsync(runId, page.AfterId, page.Size, cancellationToken));

    private static async Task<Results<Ok<LoadRunInfo>, ProblemHttpResult>> LoadAsync(VerdictQueries queries, LoadSectionQueries loads, Guid runId, CancellationToken cancellationToken) =>
        await loads.LoadAsync(runId, cancellationToken) is { } load ? TypedResults.Ok(load)
        : NotFound(await queries.RunExistsAsync(runId, cancellationToken) ? $"run {runId} is not a load run" : $"no run {runId}");

    private static async Task<Results<Ok<Page<MethodItem>>, ValidationProblem>> MethodsAsync(VerdictQueries queries, [AsParameters] PageRequest page, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.MethodsAsync(page.AfterId, page.Size, cancellationToken));

    private static async Task<Results<Ok<Page<SpecificationItem>>, ValidationProblem>> SpecificationsAsync(
        VerdictQueries queries, long? method, [AsParameters] PageRequest page, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.SpecificationsAsync(method, page.AfterId, page.Size, cancellationToken));

    private static async Task<Results<Ok<Page<CallItem>>, ValidationProblem, ProblemHttpResult>> CallsAsync(
        VerdictQueries queries,
        long methodId,
        bool? verdict,
        Guid? run,
        long? test,
        DateTimeOffset? from,
        DateTimeOffset? to,
        [AsParameters] PageRequest page,
        CancellationToken cancellationToken)
    {
        if (from is not null && to is not null && to < from)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["to"] = ["must not be before 'from'"] });
        }

        if (!await queries.MethodExistsAsync(methodId, cancellationToken))
        {
            return NotFound($"no method {methodId}");
        }

        return TypedResults.Ok(await queries.CallsAsync(methodId, new CallFilter(verdict, run, test, from, to), page.AfterId, page.Size, cancellationToken));
    }

    private static async Task<Results<Ok<CallDetail>, ProblemHttpResult>> CallAsync(VerdictQueries queries, long callId, CancellationToken cancellationToken) =>
        await queries.CallAsync(callId, cancellationToken) is { } call ? TypedResults.Ok(call) : NotFound($"no call {callId}");

    private static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");
}
