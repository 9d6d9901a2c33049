using System.Collections.Generic;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Vypr.Server.Reads;

/// <summary>The <c>after</c> and <c>limit</c> query parameters every listing takes (bound with <c>[AsParameters]</c>).</summary>
/// <param name="After">Only items after this ID (the previous page's <c>next</c>); 0 or absent for the first page.</param>
/// <param name="Limit">The most items on the page, 1 to 1000; 100 when absent.</param>
internal readonly record struct PageRequest([FromQuery(Name = "after")] long? After, [FromQuery(Name = "limit")] int? Limit)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    /// <summary>The ID the page starts after.</summary>
    public long AfterId => After ?? 0;

    /// <summary>The page size.</summary>
    public int Size => Limit ?? DefaultLimit;

    /// <summary>The problem with these values, or null when they are valid.</summary>
    public ValidationProblem? Check()
    {
        var errors = new Dictionary<string, string[]>();
        if (AfterId < 0)
        {
            errors["after"] = ["must not be negative"];
        }

        if (Size is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"must be between 1 and {MaxLimit}"];
        }

        return errors.Count == 0 ? null : TypedResults.ValidationProblem(errors);
    }
}
