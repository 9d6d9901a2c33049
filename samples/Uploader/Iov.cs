namespace Uploader;

/// <summary>An interval of validity: from run <see cref="Since"/> on, the conditions with <see cref="PayloadHash"/> apply.</summary>
public readonly record struct Iov(long Since, long Until, string PayloadHash);
