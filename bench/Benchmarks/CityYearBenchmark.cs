using System.Diagnostics;
using System.Globalization;
using FairDraw.Ledger;
using FairDraw.Projections.Integrity;
using FairDraw.Projections.Storage;
using Npgsql;

namespace FairDraw.Benchmarks;

/// <summary>
/// The duty report's benchmark on the city's year (<see cref="CityYear"/>): the yardstick is a plain read of exactly the
/// events the report cites, by sequence number (their stored rows, as a verifier rebuilds canonical bytes from them),
/// timed in the same run as what is measured against it. Prints each run, then the median and range.
/// </summary>
public static class CityYearBenchmark
{
    public static async Task<int> RunAsync(string connectionString, int runs, string directory)
    {
        await using var year = await CityYear.EnsureAsync(connectionString, directory);
        await using var dataSource = LedgerStoreOptions.CreateDataSource(connectionString);
        await using (var analyze = dataSource.CreateCommand($"analyze {CityYear.Schema}.mt_events"))
        {
            await analyze.ExecuteNonQueryAsync();
        }

        var cited = await YearEventsAsync(dataSource);
        Console.WriteLine($"cited events: {cited.Length:N0} (the year's streams: item list, plan, tasks, results and follow-ups of T01)");
        _ = await PlainReadAsync(dataSource, cited); // warm: the first read brings the rows into the buffer cache

        var plain = new List<double>();
        for (var run = 1; run <= runs; run++)
        {
            var timer = Stopwatch.StartNew();
            var (rows, bytes) = await PlainReadAsync(dataSource, cited);
            plain.Add(timer.Elapsed.TotalMilliseconds);
            Console.WriteLine(
                $"run {run}: plain read {plain[^1]:N0} ms ({rows:N0} rows, {bytes:N0} bytes of payload and headers) | " +
                $"load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        }

        Console.WriteLine($"| side ({runs} runs) | median | range |");
        Console.WriteLine($"| plain read of the cited events | {Spread(plain)} ms |");
        return 0;
    }

    /// <summary>
    /// The sequence numbers of the year's own streams: the item list, the plan, its tasks' draws, and T01's results and
    /// follow-ups (what a duty report on the plan's department cites, short of the report's own list).
    /// </summary>
    private static async Task<long[]> YearEventsAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand($"""
            select seq_id from {CityYear.Schema}.mt_events
            where stream_id = any(@streams) or stream_id like @results or stream_id like @followUps order by seq_id
            """);
        command.Parameters.AddWithValue("streams", new[]
        {
            StreamKeys.ItemList(Api.Demo.Guiyang.City, Api.Demo.DemoItemList.Version), StreamKeys.Plan(CityYear.PlanId),
            StreamKeys.Task(CityYear.TaskId), StreamKeys.Task(CityYear.PlanId + "-T02"),
        });
        command.Parameters.AddWithValue("results", StreamKeys.ResultsOf(CityYear.TaskId) + "%");
        command.Parameters.AddWithValue("followUps", StreamKeys.FollowUp(CityYear.TaskId + ":") + "%");
        var sequences = new List<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            sequences.Add(reader.GetInt64(0));
        }

        return [.. sequences];
    }

    /// <summary>The yardstick: the cited rows by sequence number, read into memory as the ledger's verifier reads them.</summary>
    public static async Task<(int Rows, long Bytes)> PlainReadAsync(NpgsqlDataSource dataSource, long[] sequences)
    {
        await using var command = dataSource.CreateCommand(
            $"select {StoredEvent.Columns} from {CityYear.Schema}.mt_events e where e.seq_id = any(@sequences) order by e.seq_id");
        command.Parameters.AddWithValue("sequences", sequences);
        var (rows, bytes) = (0, 0L);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var stored = StoredEvent.Read(reader);
            (rows, bytes) = (rows + 1, bytes + stored.Data.Length + (stored.Headers?.Length ?? 0));
        }

        return rows == sequences.Length
            ? (rows, bytes)
            : throw new InvalidOperationException($"read {rows:N0} of the {sequences.Length:N0} cited events");
    }

    private static string Spread(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        var median = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
        return string.Create(CultureInfo.InvariantCulture, $"{median:N0} | {sorted[0]:N0}–{sorted[^1]:N0}");
    }
}
