using System.IO;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Tasks;

namespace Vypr.Load.Reporting;

/// <summary>
/// The results file (format <c>vypr-load/1</c>, docs/load.md): camelCase JSON; statistics that were never measured
/// are written as the string "NaN", as everywhere in Vypr's results (AllowNamedFloatingPointLiterals).
/// </summary>
public static class LoadResultsJson
{
    /// <summary>The serializer options of the results file.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Writes results to a file.</summary>
    /// <param name="result">The results.</param>
    /// <param name="path">The file.</param>
    /// <returns>A task that completes when the file is written.</returns>
    public static async Task WriteAsync(LoadRunResult result, string path)
    {
        await using FileStream stream = File.Create(path);
        await JsonSerializer.SerializeAsync(stream, result, Options).ConfigureAwait(false);
    }

    /// <summary>The results as JSON text.</summary>
    /// <param name="result">The results.</param>
    /// <returns>The JSON.</returns>
    public static string Serialize(LoadRunResult result) => JsonSerializer.Serialize(result, Options);
}
