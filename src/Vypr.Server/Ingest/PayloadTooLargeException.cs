using System;

namespace Vypr.Server.Ingest;

/// <summary>A request over the configured size limits; it becomes a 413 problem.</summary>
internal sealed class PayloadTooLargeException(string message) : Exception(message);
