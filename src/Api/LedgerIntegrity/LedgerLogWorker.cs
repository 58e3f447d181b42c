using FairDraw.Api.Hosting;
using FairDraw.Projections.Integrity;
using Npgsql;

namespace FairDraw.Api.LedgerIntegrity;

/// <summary>
/// Keeps the Merkle log current while the API runs: makes sure the schema was applied (<c>migrate</c>), then
/// integrates new events every quarter second and signs a checkpoint whenever the tree has grown (at most once a second).
/// </summary>
public sealed class LedgerLogWorker(LedgerLog log, NpgsqlDataSource dataSource, LedgerSettings settings, ILogger<LedgerLogWorker> logger)
    : BackgroundService
{
    private static readonly TimeSpan Pass = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan CheckpointInterval = TimeSpan.FromSeconds(1);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await LedgerDatabase.RequireMigratedAsync(dataSource, settings.Schema, cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!settings.IntegrateInBackground)
        {
            return;
        }

        var (lastCheckpoint, checkpointedSize) = (DateTime.MinValue, -1L);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var pass = await log.IntegrateAsync(stoppingToken);
                if (pass.TreeSize != checkpointedSize && DateTime.UtcNow - lastCheckpoint >= CheckpointInterval)
                {
                    await log.CheckpointAsync(stoppingToken);
                    (lastCheckpoint, checkpointedSize) = (DateTime.UtcNow, pass.TreeSize);
                }
            }
            catch (SignerRefusedException)
            {
                // The log said why once, when it refused; it stays refused (GET /health) until an operator acts.
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                logger.LogError(error, "Ledger: integration pass failed; retrying");
            }

            await Task.Delay(Pass, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}
