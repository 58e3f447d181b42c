using Alba;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger;
using FairDraw.Ledger.Access;
using FairDraw.Projections.Directories;
using Microsoft.Extensions.DependencyInjection;

namespace FairDraw.Api.Tests.Integrity;

/// <summary>
/// A verifier given nothing to verify says so: an empty ledger and empty directories are "not run", and the verbs exit
/// non-zero rather than report an intact ledger they never read.
/// </summary>
[Collection(nameof(IntegrityCollection))]
public sealed class VerifyingNothing(IntegrityHost fixture)
{
    [Fact]
    public async Task An_empty_ledger_is_not_run_and_the_verb_exits_non_zero()
    {
        await fixture.ResetAsync();
        var report = await fixture.VerifyAsync();
        Assert.Equal((0L, true, CheckOutcome.NotRun), (report.Events, report.Intact, report.Outcome));

        // The vector in docs/ledger-integrity.md, "Verification outcomes".
        var answer = await fixture.Host.Scenario(s =>
        {
            s.Get.Url("/api/ledger/verify");
            s.As(fixture.Token(Role.Auditor));
        });
        Assert.Equal(
            """{"events":0,"streams":0,"leaves":0,"checkpoints":0,"signedTreeSize":0,"eventsNotYetLogged":0,"findings":[],"trustedCheckpoints":0,"eventsNotCovered":0,"notChecked":["未提供可信检查点：未核查已存检查点之前的回滚与改写 / no trusted checkpoint was given: rollbacks and rewrites behind the stored checkpoints were not checked"],"intact":true,"outcome":"not-run"}""",
            await answer.ReadAsTextAsync());

        var verb = await fixture.RunApiAsync("verify-ledger", "--key", fixture.VerifierKey);
        Assert.NotEqual(0, verb.ExitCode);
        Assert.Contains("not run: the ledger holds no events", verb.Output);
    }

    [Fact]
    public async Task Empty_directories_are_not_run_and_the_verb_exits_non_zero()
    {
        await fixture.ResetAsync();
        var replay = fixture.Host.Services.GetRequiredService<DirectoryReplay>();
        DirectoryReport[] reports =
            [await replay.EntitiesAsync(null, CancellationToken.None), await replay.InspectorsAsync(null, CancellationToken.None)];
        Assert.All(reports, report => Assert.Equal((0L, CheckOutcome.NotRun), (report.Streams, report.Outcome)));

        var verb = await fixture.RunApiAsync("verify-directories");
        Assert.NotEqual(0, verb.ExitCode);
        Assert.Contains("not run: the directories hold no streams", verb.Output);
    }
}
