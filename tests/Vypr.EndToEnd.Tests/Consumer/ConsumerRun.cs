using Vypr.Contracts;

namespace Vypr.EndToEnd.Tests.Consumer;

/// <summary>What building and testing a consumer solution produced.</summary>
public sealed record ConsumerRun(DotNetCommand Restore, DotNetCommand LibraryBuild, DotNetCommand Build, DotNetCommand Test, RunDocument? Results);
