using System;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;
using Vypr.Server.Logging;
using Vypr.Server.Storage;

namespace Vypr.Server.Access;

/// <summary>An endpoint filter that lets a request through only with <c>Authorization: Bearer</c> and a live token.</summary>
internal sealed class TokenRequirement(TokenStore tokens, ServerSettings settings, ILogger<TokenRequirement> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        HttpContext http = context.HttpContext;
        string header = http.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return Refused(http, $"send an API token as 'Authorization: Bearer <token>' (create one with '{settings.CreateTokenCommand}')");
        }

        if (await tokens.FindAsync(header[scheme.Length..].Trim(), http.RequestAborted) is not { } grant)
        {
            return Refused(http, "the API token is unknown or revoked");
        }

        http.Features.Set(grant);
        return await next(context);
    }

    /// <summary>The token the request was let through with (set by this filter).</summary>
    public static TokenGrant? GrantOf(HttpContext http) => http.Features.Get<TokenGrant>();

    private IResult Refused(HttpContext http, string detail)
    {
        ServerLog.TokenRefused(logger, http.Connection.RemoteIpAddress?.ToString(), http.Request.Path, detail);
        http.Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
        return TypedResults.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");
    }
}
