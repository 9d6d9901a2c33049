using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace Vypr.Server.Reads;

/// <summary>Checks the paging parameters of every listing once, before its handler runs (400 naming the parameter).</summary>
internal sealed class PagingFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        foreach (object? argument in context.Arguments)
        {
            if (argument is PageRequest page && page.Check() is { } invalid)
            {
                return invalid;
            }
        }

        return await next(context);
    }
}
