using System;

namespace Vypr.Cli.Ci;

/// <summary>
/// The CI files <c>vypr ci init</c> writes: a GitHub Actions workflow and a GitLab CI job that install the tool, run
/// the campaign, keep its results as artifacts (also when it fails) and comment its Markdown summary on the pull or
/// merge request. Only text is produced here; the command decides where it goes.
/// </summary>
/// <param name="Config">The campaign file, relative to the repository root, with forward slashes (<c>vypr.yml</c>).</param>
/// <param name="ResultsDirectory">The campaign directory, relative to the repository root (<c>vypr-campaign</c>).</param>
/// <param name="Store">The local store, relative to the repository root (<c>.vypr/verdicts.db</c>), or null when results go to a server.</param>
/// <param name="ToolVersion">The <c>Vypr.Tool</c> version to install, or null for the newest.</param>
internal sealed record CiFiles(string Config, string ResultsDirectory, string? Store, string? ToolVersion)
{
    /// <summary>Where the GitHub workflow goes, relative to the repository root.</summary>
    public const string GitHubPath = ".github/workflows/vypr.yml";

    /// <summary>Where the GitLab job goes, relative to the repository root (included from <c>.gitlab-ci.yml</c>).</summary>
    public const string GitLabPath = ".gitlab/vypr.gitlab-ci.yml";

    /// <summary>The GitLab pipeline file that includes the job.</summary>
    public const string GitLabPipelinePath = ".gitlab-ci.yml";

    private string Install => "dotnet tool install --global Vypr.Tool" + (ToolVersion is null ? string.Empty : " --version " + ToolVersion);

    private string Summary => $"{ResultsDirectory}/summary.md";

    /// <summary>The GitHub Actions workflow.</summary>
    /// <returns>The YAML.</returns>
    public string GitHubWorkflow()
    {
        string store = Store is null ? string.Empty : $"\n            {Store}";
        return $$$"""
            # Written by `vypr ci init`: runs the Vypr campaign of {{{Config}}} on pull requests and pushes to main.
            name: Vypr

            on:
              pull_request:
              push:
                branches: [main]

            permissions:
              contents: read
              pull-requests: write

            jobs:
              vypr:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@v4
                  - uses: actions/setup-dotnet@v4
                    with:
                      dotnet-version: 10.0.x
                  - name: Install vypr
                    run: |
                      {{{Install}}}
                      echo "$HOME/.dotnet/tools" >> "$GITHUB_PATH"
                  - name: Run the campaign
                    # Exit 1: a violation or a failed test; 2: vypr.yml is wrong; 3: a build or test run failed (docs/cli.md).
                    run: vypr run -c {{{Config}}}
                  - name: Keep the results
                    if: always()
                    uses: actions/upload-artifact@v4
                    with:
                      name: vypr-results
                      if-no-files-found: ignore
                      path: |
                        {{{ResultsDirectory}}}/{{{store}}}
                  - name: Comment on the pull request
                    if: always() && github.event_name == 'pull_request' && hashFiles('{{{Summary}}}') != ''
                    env:
                      GH_TOKEN: ${{ github.token }}
                      PR_NUMBER: ${{ github.event.pull_request.number }}
                    # One comment per pull request, edited on every push (a new one the first time).
                    run: gh pr comment "$PR_NUMBER" --body-file {{{Summary}}} --edit-last || gh pr comment "$PR_NUMBER" --body-file {{{Summary}}}

            """.Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    /// <summary>The GitLab CI job, meant to be included from <c>.gitlab-ci.yml</c>.</summary>
    /// <returns>The YAML.</returns>
    public string GitLabJob()
    {
        string store = Store is null ? string.Empty : $"\n      - {Store}";
        return $$$"""
            # Written by `vypr ci init`: runs the Vypr campaign of {{{Config}}} in merge requests and on the default branch.
            # Set a masked CI/CD variable VYPR_GITLAB_TOKEN (a project access token with the api scope) to get the
            # summary as a merge request comment.
            vypr:
              stage: test
              image: mcr.microsoft.com/dotnet/sdk:10.0
              variables:
                DOTNET_CLI_TELEMETRY_OPTOUT: "1"
              rules:
                - if: $CI_PIPELINE_SOURCE == "merge_request_event"
                - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH
              script:
                - {{{Install}}}
                - export PATH="$PATH:$HOME/.dotnet/tools"
                # Exit 1: a violation or a failed test; 2: vypr.yml is wrong; 3: a build or test run failed (docs/cli.md).
                - vypr run -c {{{Config}}}
              after_script:
                - >
                  if [ -n "$CI_MERGE_REQUEST_IID" ] && [ -n "$VYPR_GITLAB_TOKEN" ] && [ -f {{{Summary}}} ]; then
                  curl --fail --silent --show-error --request POST --header "PRIVATE-TOKEN: $VYPR_GITLAB_TOKEN"
                  --data-urlencode "body@{{{Summary}}}"
                  "$CI_API_V4_URL/projects/$CI_PROJECT_ID/merge_requests/$CI_MERGE_REQUEST_IID/notes"; fi
              artifacts:
                when: always
                paths:
                  - {{{ResultsDirectory}}}/{{{store}}}
                reports:
                  junit: {{{ResultsDirectory}}}/junit.xml

            """.Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    /// <summary>A pipeline file that only includes the job, for a repository without one.</summary>
    /// <returns>The YAML.</returns>
    public static string GitLabPipeline() => $"""
        # Written by `vypr ci init`.
        include:
          - local: {GitLabPath}

        """.Replace("\r\n", "\n", StringComparison.Ordinal);
}
