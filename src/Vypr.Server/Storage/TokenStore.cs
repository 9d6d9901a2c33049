using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Vypr.Server.Storage;

/// <summary>
/// Creates, revokes and checks API tokens. A token is 256 random bits, shown once at creation; the store keeps its
/// SHA-256 only (a slow password hash buys nothing for a secret with that much entropy).
/// </summary>
internal sealed class TokenStore(VerdictDatabase database)
{
    private const string Prefix = "vypr_";

    /// <summary>Creates a token named <paramref name="name"/> that may write any project.</summary>
    public Task<string> CreateAsync(string name, CancellationToken cancellationToken) => CreateAsync(name, null, cancellationToken);

    /// <summary>
    /// Creates a token named <paramref name="name"/> and returns it; it cannot be read back later. With a
    /// <paramref name="project"/>, the token writes that project only.
    /// </summary>
    public async Task<string> CreateAsync(string name, string? project, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 200)
        {
            throw new ArgumentException("a token's name must be 1 to 200 characters", nameof(name));
        }

        if (project is not null && (string.IsNullOrWhiteSpace(project) || project.Length > 200 || project != project.Trim()))
        {
            throw new ArgumentException("a token's project must be 1 to 200 characters without surrounding spaces", nameof(project));
        }

        string token = Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        using IDisposable writer = await database.EnterWriteAsync(cancellationToken);
        await using DbConnection connection = await database.OpenAsync(cancellationToken);
        await using DbCommand insert = Sql.Command(
            connection,
            null,
            "INSERT INTO api_tokens (name, token_hash, created_us, project) VALUES (@name, @hash, @created, @project) ON CONFLICT (name) DO NOTHING",
            ("@name", name),
            ("@project", project),
            ("@hash", Hash(token)),
            ("@created", Microseconds.From(DateTimeOffset.UtcNow)));
        if (await insert.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            throw new ArgumentException($"a token named '{name}' exists already (revoked tokens keep their name)", nameof(name));
        }

        return token;
    }

    /// <summary>Revokes the token named <paramref name="name"/>; false when there is no such live token.</summary>
    public async Task<bool> RevokeAsync(string name, CancellationToken cancellationToken)
    {
        using IDisposable writer = await database.EnterWriteAsync(cancellationToken);
        await using DbConnection connection = await database.OpenAsync(cancellationToken);
        await using DbCommand revoke = Sql.Command(
            connection,
            null,
            "UPDATE api_tokens SET revoked_us = @now WHERE name = @name AND revoked_us IS NULL",
            ("@now", Microseconds.From(DateTimeOffset.UtcNow)),
            ("@name", name));
        return await revoke.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<IReadOnlyList<TokenInfo>> ListAsync(CancellationToken cancellationToken)
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken);
        await using DbCommand select = Sql.Command(connection, null, "SELECT name, created_us, revoked_us, project FROM api_tokens ORDER BY id");
        await using DbDataReader reader = await select.ExecuteReaderAsync(cancellationToken);
        var tokens = new List<TokenInfo>();
        while (await reader.ReadAsync(cancellationToken))
        {
            tokens.Add(new TokenInfo(reader.GetString(0), Microseconds.ToInstant(reader.GetInt64(1)), Microseconds.ToInstant(Sql.NullableInt64(reader, 2)), Sql.NullableString(reader, 3)));
        }

        return tokens;
    }

    /// <summary>The live (created, not revoked) token <paramref name="token"/>, or null when there is none.</summary>
    public async Task<TokenGrant?> FindAsync(string token, CancellationToken cancellationToken)
    {
        if (!token.StartsWith(Prefix, StringComparison.Ordinal) || token.Length > 100)
        {
            return null;
        }

        await using DbConnection connection = await database.OpenAsync(cancellationToken);
        await using DbCommand select = Sql.Command(
            connection,
            null,
            "SELECT name, project FROM api_tokens WHERE token_hash = @hash AND revoked_us IS NULL",
            ("@hash", Hash(token)));
        await using DbDataReader reader = await select.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new TokenGrant(reader.GetString(0), Sql.NullableString(reader, 1)) : null;
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
