using System;
using System.Data.Common;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;

namespace Vypr.Server.Storage;

/// <summary>Builds parameterised commands: values never become SQL text.</summary>
internal static class Sql
{
    public static DbCommand Command(DbConnection connection, DbTransaction? transaction, string text, params (string Name, object? Value)[] parameters)
    {
        DbCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = text;
        foreach ((string name, object? value) in parameters)
        {
            DbParameter parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    public static async Task<int> NonQueryAsync(DbCommand command, CancellationToken cancellationToken) =>
        command is SqliteCommand ? command.ExecuteNonQuery() : await command.ExecuteNonQueryAsync(cancellationToken);

    public static void Set(DbCommand command, string name, object? value) =>
        command.Parameters[name].Value = value ?? DBNull.Value;

    public static async Task<long?> ScalarInt64Async(DbCommand command, CancellationToken cancellationToken)
    {
        // Microsoft.Data.Sqlite's async methods run synchronously anyway; on the per-verdict path their task
        // allocations are pure cost.
        object? value = command is SqliteCommand ? command.ExecuteScalar() : await command.ExecuteScalarAsync(cancellationToken);
        return value is null or DBNull ? null : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The text that stands for -0.0 in a SQLite REAL column (see <see cref="SqliteReal"/>).</summary>
    public const string SqliteNegativeZero = "NegativeZero";

    /// <summary>
    /// The SQLite form of a double: SQLite stores NaN as NULL and stores -0.0 as the integer 0, so those two are kept
    /// as the texts 'NaN' and 'NegativeZero' in the REAL column (texts that are not numbers, so REAL affinity leaves
    /// them texts). Infinities and every other double are stored as REAL. PostgreSQL's DOUBLE PRECISION keeps every
    /// double as it is.
    /// </summary>
    public static object SqliteReal(double value) =>
        double.IsNaN(value) ? "NaN" : value == 0 && double.IsNegative(value) ? SqliteNegativeZero : value;

    /// <summary>Reads a double stored by either engine, including the texts of <see cref="SqliteReal"/>.</summary>
    public static double Double(DbDataReader reader, int ordinal) =>
        reader.GetValue(ordinal) switch
        {
            double value => value,
            DBNull => double.NaN,
            SqliteNegativeZero => -0.0,
            string text => double.Parse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture),
            // Written by a server before non-finite values were legal (PostgreSQL NaN read as such stays NaN);
            // anything else that is not a number reads as NaN rather than failing the whole answer.
            IConvertible other => other.ToDouble(System.Globalization.CultureInfo.InvariantCulture),
            _ => double.NaN,
        };

    public static long? NullableInt64(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    public static string? NullableString(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
