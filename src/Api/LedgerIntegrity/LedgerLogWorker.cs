using FairDraw.Api.Hosting;
using FairDraw.Projections.Integrity;
using Npgsql;

namespace FairDraw.Api.LedgerIntegrity;

/// <summary>
/// Keeps the Merkle log current while the API runs: makes sure the schema was applied (<c>migrate</c>), then
/// integrates new events every quarter second and signs a checkpoint whenever the tree has grown (at most once a second),
/// and hands the newest signed checkpoint to the witnesses in the background: a slow witness delays neither signing
/// nor the next pass, and a checkpoint signed meanwhile is submitted once the previous submission ends.
/// </summary>
public sealed class LedgerLogWorker(
    LedgerLog log, CheckpointWitnessing witnessing, NpgsqlDataSource dataSource, LedgerSettings settings, ILogger<LedgerLogWorker> logger)
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
        var (signed, submitted, submitting) = ((string?)null, (string?)null, Task.CompletedTask);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var pass = await log.IntegrateAsync(stoppingToken);
                if (pass.TreeSize != checkpointedSize && DateTime.UtcNow - lastCheckpoint >= CheckpointInterval)
                {
                    signed = await log.CheckpointAsync(stoppingToken) ?? signed;
                    (lastCheckpoint, checkpointedSize) = (DateTime.UtcNow, pass.TreeSize);
                }

                if (witnessing.Configured && signed is not null && signed != submitted && submitting.IsCompleted)
                {
                    submitted = signed;
                    submitting = SubmitAsync(signed, stoppingToken);
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

        await submitting.ContinueWith(_ => { }, TaskScheduler.Default); // a submission cut short by the stop is not an error
    }

    /// <summary>Runs one submission to the witnesses; its failures are logged, never thrown into the loop.</summary>
    private async Task SubmitAsync(string signedNote, CancellationToken stoppingToken)
    {
        try
        {
            await witnessing.SubmitAsync(signedNote, stoppingToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            logger.LogError(error, "Ledger: submitting the checkpoint to the witnesses failed; retrying with the next checkpoint");
        }
    }
}
