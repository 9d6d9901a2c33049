using System.Text.Json.Serialization;

namespace Vypr.Cli.Run;

/// <summary>Source-generated JSON metadata of the checkpoint: camelCase, indented so a person can read where a campaign is.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(Checkpoint))]
internal sealed partial class CheckpointJsonContext : JsonSerializerContext;
