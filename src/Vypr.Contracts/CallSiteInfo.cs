using System.Text.Json.Serialization;

namespace Vypr.Contracts;

/// <summary>A place in source code where a monitored method is called, and the specification checked there.</summary>
/// <param name="Id">The call site's number within one run; verdicts refer to it.</param>
/// <param name="SpecificationId">The specification checked for calls made here.</param>
/// <param name="File">The source file of the call, as the compiler saw it (after path mapping).</param>
/// <param name="Line">The 1-based line of the called method's name.</param>
/// <param name="Column">The 1-based column of the called method's name.</param>
/// <param name="Caller">The member that contains the call (<c>Uploader.ConditionsUploader.UploadAsync(Payload)</c>).</param>
/// <param name="Assembly">The assembly whose compilation wove the probe.</param>
public sealed record CallSiteInfo(int Id, int SpecificationId, string File, int Line, int Column, string Caller, string Assembly)
{
    /// <summary>The call site as <c>file:line:column</c>, the form editors and terminals link.</summary>
    [JsonIgnore]
    public string Location => $"{File}:{Line}:{Column}";
}
