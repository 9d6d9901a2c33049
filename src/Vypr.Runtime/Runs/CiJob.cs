namespace Vypr.Runtime;

/// <summary>The CI job a run happens in.</summary>
/// <param name="Provider">The CI system: <c>github-actions</c>, <c>gitlab-ci</c>, <c>azure-pipelines</c>, <c>jenkins</c> or <c>ci</c> (another system that sets <c>CI</c>).</param>
/// <param name="JobUrl">The job's page, when the CI says where it is.</param>
internal sealed record CiJob(string Provider, string? JobUrl);
