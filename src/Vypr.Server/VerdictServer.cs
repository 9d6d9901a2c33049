using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Vypr.Server.Access;
using Vypr.Server.Health;
using Vypr.Server.Ingest;
using Vypr.Contracts.Reads;
using Vypr.Server.Reads;
using Vypr.Server.Storage;

namespace Vypr.Server;

/// <summary>Builds the verdict server's web application: store, migrations, endpoints, limits, problem details.</summary>
internal static class VerdictServer
{
    public const string OpenApiPath = "/openapi/v1.json";

    /// <summary>Applies migrations, then builds the application (not yet started).</summary>
    public static async Task<WebApplication> BuildAsync(ServerSettings settings, CancellationToken cancellationToken)
    {
        var database = new VerdictDatabase(settings.Store);
        try
        {
            await Migrations.ApplyAsync(database, cancellationToken);
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }

        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseUrls(settings.Urls);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = settings.MaxRequestBytes);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(options => options.SingleLine = true);
        // Vypr's own events (batches stored and refused, tokens refused) at Information; the framework's per-request
        // chatter only from Warning up.
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Logging.AddFilter("System", LogLevel.Warning);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(database);
        builder.Services.AddSingleton<IngestWriter>();
        builder.Services.AddSingleton<IngestGate>();
        builder.Services.AddSingleton<ChunkPool>();
        builder.Services.AddSingleton<VerdictQueries>();
        builder.Services.AddSingleton<Load.LoadSectionQueries>();
        builder.Services.AddSingleton<TokenStore>();
        builder.Services.AddSingleton<TokenRequirement>();
        builder.Services.AddProblemDetails();
        builder.Services.AddHealthChecks().AddCheck<StoreHealthCheck>("store");
        builder.Services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.TypeInfoResolverChain.Insert(0, ServerJsonContext.Default);
            options.SerializerOptions.TypeInfoResolverChain.Insert(1, ReadApiJsonContext.Default);
            // A stored NaN or infinity is answered as "NaN"/"Infinity"/"-Infinity"; without this the serializer
            // throws in the middle of a response that has already begun (a 500 with half a body).
            options.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals;
        });
        builder.Services.AddOpenApi("v1", options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Vypr verdict server";
            document.Info.Version = "v1";
            document.Info.Description = "Ingests the verdicts of monitored .NET test runs and answers queries about them.";
            document.Servers?.Clear();
            return Task.CompletedTask;
        }));

        WebApplication app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        IEndpointConventionBuilder openApi = app.MapOpenApi(OpenApiPath);
        if (settings.Reads == ReadAccess.Token)
        {
            // The document describes what the API reads; where reads need a token, so does it.
            openApi.AddEndpointFilter<IEndpointConventionBuilder, TokenRequirement>();
        }

        app.MapHealthChecks(StoreHealthCheck.Path, new HealthCheckOptions { ResponseWriter = StoreHealthCheck.WriteAsync });
        IngestEndpoints.Map(app);
        ReadEndpoints.Map(app, settings.Reads);
        app.Lifetime.ApplicationStopped.Register(() => database.DisposeAsync().AsTask().GetAwaiter().GetResult());
        return app;
    }
}
