using System.Collections.Generic;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Vypr.Server.Reads;

/// <summary>Checks the <c>after</c> and <c>limit</c> query parameters every listing takes.</summary>
internal static class Paging
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public static ValidationProblem? Check(long? after, int? limit, out long afterId, out int pageSize)
    {
        afterId = after ?? 0;
        pageSize = limit ?? DefaultLimit;
        var errors = new Dictionary<string, string[]>();
        if (afterId < 0)
        {
            errors["after"] = ["must not be negative"];
        }

        if (pageSize is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"must be between 1 and {MaxLimit}"];
        }

        return errors.Count == 0 ? null : TypedResults.ValidationProblem(errors);
    }
}
