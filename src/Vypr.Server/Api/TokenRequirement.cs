using System;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Vypr.Server.Storage;

namespace Vypr.Server.Api;

/// <summary>An endpoint filter that lets a request through only with <c>Authorization: Bearer</c> and a live token.</summary>
internal sealed class TokenRequirement(TokenStore tokens) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        HttpContext http = context.HttpContext;
        string header = http.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return Unauthorized(http, "send an API token as 'Authorization: Bearer <token>' (create one with 'vypr-server tokens create')");
        }

        if (!await tokens.IsValidAsync(header[scheme.Length..].Trim(), http.RequestAborted))
        {
            return Unauthorized(http, "the API token is unknown or revoked");
        }

        return await next(context);
    }

    private static IResult Unauthorized(HttpContext http, string detail)
    {
        http.Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
        return TypedResults.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");
    }
}
