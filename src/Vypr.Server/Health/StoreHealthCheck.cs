using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Vypr.Server.Storage;

namespace Vypr.Server.Health;

/// <summary>
/// The server is healthy when its store answers: the check reads the schema version. Served at
/// <c>/api/v1/health</c> outside the token requirement, so that a load balancer or a start-up probe needs no token.
/// </summary>
internal sealed class StoreHealthCheck(VerdictDatabase database) : IHealthCheck
{
    public const string Path = "/api/v1/health";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object> { ["store"] = database.Provider.ToString() };
        try
        {
            await using DbConnection connection = await database.OpenAsync(cancellationToken);
            await using DbCommand select = Sql.Command(connection, null, "SELECT COALESCE(MAX(version), 0) FROM schema_version");
            data["schemaVersion"] = (int)(await Sql.ScalarInt64Async(select, cancellationToken) ?? 0);
            return HealthCheckResult.Healthy(data: data);
        }
        catch (DbException e)
        {
            data["schemaVersion"] = 0;
            return HealthCheckResult.Unhealthy("the store does not answer: " + e.Message, data: data);
        }
    }

    /// <summary>Writes <c>{"status": "ok", "store": "Sqlite", "schemaVersion": 4}</c> (status "unhealthy" with 503 otherwise).</summary>
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        HealthReportEntry entry = report.Entries["store"];
        var item = new HealthItem(
            report.Status == HealthStatus.Healthy ? "ok" : "unhealthy",
            (string)entry.Data["store"],
            (int)entry.Data["schemaVersion"]);
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, item, ServerJsonContext.Default.HealthItem, context.RequestAborted);
    }
}
