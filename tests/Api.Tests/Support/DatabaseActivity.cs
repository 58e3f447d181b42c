using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace FairDraw.Api.Tests.Support;

/// <summary>Lets a test wait until PostgreSQL shows another session in the state the test needs (blocked, waiting).</summary>
public static class DatabaseActivity
{
    /// <summary>
    /// Waits until some other backend of the test database matches <paramref name="condition"/> (a predicate over
    /// pg_stat_activity); fails the test naming <paramref name="what"/> after 30 s.
    /// </summary>
    public static async Task WaitUntilAsync(this LedgerHost host, string what, string condition)
    {
        await using var probe = host.Host.Services.GetRequiredService<NpgsqlDataSource>().CreateCommand(
            $"select count(*) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and {condition}");
        for (var attempt = 0; attempt < 1500; attempt++)
        {
            if ((long)(await probe.ExecuteScalarAsync())! > 0)
            {
                return;
            }

            await Task.Delay(20);
        }

        await using var activity = host.Host.Services.GetRequiredService<NpgsqlDataSource>().CreateCommand(
            "select string_agg(coalesce(wait_event_type, '-') || ' ' || state || ': ' || left(query, 120), '; ') from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()");
        Assert.Fail($"timed out: {what}; the other sessions: {await activity.ExecuteScalarAsync()}");
    }
}
