using System.Diagnostics;
using System.Globalization;
using FairDraw.Api.Csv;
using FairDraw.Api.Demo;
using FairDraw.Api.Entities;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Entities;
using FairDraw.Projections.Directories;
using FairDraw.Projections.Integrity;
using FairDraw.Projections.Storage;
using JasperFx;
using Marten;
using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace FairDraw.Benchmarks;

/// <summary>
/// Imports a generated entity CSV through the real import path (validation, events, projection) into a fresh schema,
/// and copies the same rows into a plain table with raw binary COPY in the same run, as the yardstick.
/// </summary>
public static class ImportBenchmark
{
    public static async Task RunAsync(string connectionString, int count)
    {
        var csvPath = Path.Combine(Path.GetTempPath(), $"fairdraw-bench-{count}.csv");
        await using (var writer = new StreamWriter(csvPath))
        {
            EntityCsv.Write(writer, DemoEntities.Generate(count));
        }

        await using var dataSource = LedgerStoreOptions.CreateDataSource(connectionString);
        await Execute(dataSource, "drop schema if exists bench_import cascade; drop schema if exists bench_raw cascade; create schema bench_raw;");

        var rawSeconds = await RawCopyAsync(dataSource, csvPath);

        // The yardstick's table has served its purpose; left in place, autovacuum would take its million fresh rows
        // while the import runs and compete with it for the two cores.
        await Execute(dataSource, "drop schema bench_raw cascade");

        using var store = DocumentStore.For(options => LedgerStoreOptions.Configure(options, dataSource, "bench_import"));
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync(AutoCreate.CreateOrUpdate); // as `migrate` does
        await LedgerSchema.EnsureAsync(dataSource, "bench_import", CancellationToken.None);

        var stages = new Dictionary<string, double>();
        var fileBytes = new FileInfo(csvPath).Length;
        using var memory = new MemoryGrowth();
        var (clientCpu, serverCpu) = (Environment.CpuUsage.TotalTime, ServerCpu());
        var (faults, pauses, allocated) = (ProcessMemory.MinorFaults(), GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes());
        var clock = Stopwatch.StartNew();
        var last = TimeSpan.Zero;
        var progress = new SynchronousProgress(p =>
        {
            // Each report closes a slice of its stage (the write reports once per chunk).
            stages[p.Stage] = stages.GetValueOrDefault(p.Stage) + (clock.Elapsed - last).TotalSeconds;
            last = clock.Elapsed;
        });
        {
            await using var file = new UploadedFile(File.OpenRead(csvPath), "bench.csv");
            var actor = new Actor("bench", Role.Registrar, DivisionCode.Parse("520100"));
            var summary = await EntityImport.RunAsync(store, file, actor, SystemClock.Instance.GetCurrentInstant(), progress, CancellationToken.None);
            if (summary.Registered != count)
            {
                throw new InvalidOperationException($"imported {summary.Registered} of {count}");
            }
        }

        var importSeconds = clock.Elapsed.TotalSeconds;
        var (residentGrowth, heapGrowth) = memory.Peak;
        (clientCpu, serverCpu) = (Environment.CpuUsage.TotalTime - clientCpu, ServerCpu() - serverCpu);
        (faults, pauses, allocated) = (ProcessMemory.MinorFaults() - faults, GC.GetTotalPauseDuration() - pauses, GC.GetTotalAllocatedBytes() - allocated);
        await using var session = store.QuerySession();
        var queryable = await session.Query<EntityRevision>().CountAsync(x => x.IsCurrent && x.Type == EntityType.Enterprise && x.Status == EntityStatus.Existing);

        Console.WriteLine($"| rows | {count:N0} |");
        Console.WriteLine($"| raw binary COPY into a plain table | {rawSeconds:F1} s ({count / rawSeconds:N0} rows/s) |");
        Console.WriteLine($"| import through the real path | {importSeconds:F1} s ({count / importSeconds:N0} rows/s) |");
        Console.WriteLine($"| ratio import/raw rate | 1/{importSeconds / rawSeconds:F1} |");
        Console.WriteLine($"| check: read, validate, look up and decide every row (first pass) | {stages["check"]:F1} s |");
        Console.WriteLine($"| write: read again, decide, seal and copy streams, events and revisions (one transaction, pipelined) | {stages["write"]:F1} s |");
        Console.WriteLine($"| peak memory growth during the import: resident / managed heap, against the file | {residentGrowth / 1e6:N0} MB / {heapGrowth / 1e6:N0} MB, file {fileBytes / 1e6:N0} MB ({(double)residentGrowth / fileBytes:F2}× / {(double)heapGrowth / fileBytes:F2}×) |");

        Console.WriteLine($"| CPU during the import: this process / PostgreSQL | {clientCpu.TotalSeconds:F1} s / {serverCpu.TotalSeconds:F1} s ({Environment.ProcessorCount} cores × {importSeconds:F1} s = {Environment.ProcessorCount * importSeconds:F1} s) |");
        Console.WriteLine($"| this process: allocated / GC pauses / page faults / peak resident | {allocated / 1e9:F1} GB / {pauses.TotalSeconds:F1} s / {faults:N0} / {ProcessMemory.PeakResident()} |");
        Console.WriteLine($"| existing enterprises queryable afterwards | {queryable:N0} |");
    }

    /// <summary>CPU time used so far by the local PostgreSQL processes (all of them: the server runs on this machine).</summary>
    private static TimeSpan ServerCpu()
    {
        var ticks = 0L;
        foreach (var process in Directory.EnumerateDirectories("/proc").Where(path => int.TryParse(Path.GetFileName(path), out _)))
        {
            try
            {
                if (File.ReadAllText(Path.Combine(process, "comm")).Trim() != "postgres")
                {
                    continue;
                }

                // Fields after the command's closing parenthesis; utime and stime are the 12th and 13th of them.
                var fields = ProcessMemory.StatFields(Path.Combine(process, "stat"));
                ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // the process ended while being read
            }
        }

        return TimeSpan.FromSeconds(ticks / 100.0); // USER_HZ
    }

    private static async Task<double> RawCopyAsync(NpgsqlDataSource dataSource, string csvPath)
    {
        await Execute(dataSource, """
            create table bench_raw.entities (uscc text primary key, name text, type text, jurisdiction text, registration_authority text,
              address text, industry text, risk_class text, tags text[], status text)
            """);
        List<(int Line, EntityInput Input)> rows;
        await using (var file = File.OpenRead(csvPath))
        {
            rows = [.. EntityCsv.Read(file, [])];
        }

        var clock = Stopwatch.StartNew();
        await using var connection = await dataSource.OpenConnectionAsync();
        await using (var importer = await connection.BeginBinaryImportAsync(
            "copy bench_raw.entities (uscc, name, type, jurisdiction, registration_authority, address, industry, risk_class, tags, status) from stdin (format binary)"))
        {
            foreach (var (_, row) in rows)
            {
                importer.StartRow();
                foreach (var value in new[] { row.Uscc, row.Name, row.Type, row.Jurisdiction, row.RegistrationAuthority, row.Address, row.Industry, row.RiskClass })
                {
                    importer.Write(value, NpgsqlDbType.Text);
                }

                importer.Write(row.Tags?.ToArray() ?? [], NpgsqlDbType.Array | NpgsqlDbType.Text);
                importer.Write(row.Status, NpgsqlDbType.Text);
            }

            await importer.CompleteAsync();
        }

        return clock.Elapsed.TotalSeconds;
    }

    private static async Task Execute(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Reports on the caller's thread, so stage times are taken when the stage ends.</summary>
    private sealed class SynchronousProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}
