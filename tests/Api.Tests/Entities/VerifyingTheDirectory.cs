using System.Net;
using Alba;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Entities;
using FairDraw.Projections.Directories;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace FairDraw.Api.Tests.Entities;

/// <summary>
/// The directory's read model against its events (verify-directories): an honest directory matches; a revision row
/// edited, removed or added behind the ledger is found and named, whether in the document or in a duplicated column.
/// </summary>
[Collection(nameof(EntityDirectoryCollection))]
public sealed class VerifyingTheDirectory(EntityDirectoryHost fixture) : IAsyncLifetime
{
    private static readonly string Second = Uscc.Complete("91520102MA6DKXAC").Value;

    private string Registrar => fixture.Token(Role.Registrar, "520102", "registrar-nanming");

    public async Task InitializeAsync()
    {
        await fixture.ResetAsync();
        await fixture.PostAsync("/api/entities", RegisteringEntities.Nanming(), Registrar, HttpStatusCode.Created);
        await fixture.PostAsync("/api/entities", RegisteringEntities.Nanming(Second, "贵阳南明第二示例商贸有限公司"), Registrar, HttpStatusCode.Created);
        await fixture.PostAsync($"/api/entities/{RegisteringEntities.NanmingCode}/status", new ChangeEntityStatus("注销", "注销登记"), Registrar);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<DirectoryReport> ReplayAsync() =>
        fixture.Host.Services.GetRequiredService<DirectoryReplay>().EntitiesAsync(null, CancellationToken.None);

    private async Task EditAsync(string sql)
    {
        await using var edit = fixture.Host.Services.GetRequiredService<NpgsqlDataSource>().CreateCommand(sql.Replace("{table}", $"{fixture.Schema}.mt_doc_entityrevision"));
        Assert.Equal(1, await edit.ExecuteNonQueryAsync());
    }

    [Fact]
    public async Task An_honest_directory_matches_its_events()
    {
        var report = await ReplayAsync();
        Assert.True(report.Intact, string.Join("; ", report.Findings));
        Assert.Equal((2L, 3L, 3L), (report.Streams, report.Events, report.Revisions));
        Assert.Equal(CheckOutcome.Pass, report.Outcome);
    }

    [Fact]
    public async Task A_directory_without_streams_is_not_run_beside_one_that_passed()
    {
        var inspectors = await fixture.Host.Services.GetRequiredService<DirectoryReplay>().InspectorsAsync(null, CancellationToken.None);
        Assert.Equal((0L, CheckOutcome.NotRun), (inspectors.Streams, inspectors.Outcome));

        var verb = await fixture.RunApiAsync("verify-directories");
        Assert.True(verb.ExitCode == 0, verb.Output);
        Assert.Contains("not run: the inspectors directory holds no streams", verb.Output);
        Assert.Contains("directories match their events", verb.Output);
    }

    [Fact]
    public async Task A_risk_class_edited_in_a_revision_is_found_and_the_verb_exits_non_zero()
    {
        await EditAsync($"update {{table}} set data = jsonb_set(data, '{{RiskClass}}', '\"D\"') where id = 'entity:{Second}@1'");

        var finding = Assert.Single((await ReplayAsync()).Findings);
        Assert.Equal($"entity:{Second}", finding.StreamKey);
        Assert.StartsWith($"revision entity:{Second}@1 differs from its events", finding.Detail);

        var verb = await fixture.RunApiAsync("verify-directories");
        Assert.NotEqual(0, verb.ExitCode);
        Assert.Contains("the directories differ from their events", verb.Output);
    }

    [Fact]
    public async Task Auditors_run_the_same_check_over_http_and_a_registrar_may_not()
    {
        await EditAsync($"update {{table}} set data = jsonb_set(data, '{{Name}}', '\"改过的名称\"') where id = 'entity:{Second}@1'");

        var reports = (await fixture.Host.GetAsJson<DirectoryReport[]>("/api/ledger/directories/verify", fixture.Token(Role.Auditor)))!;
        Assert.Equal(["entities", "inspectors"], reports.Select(report => report.Directory));
        Assert.Equal((1L, $"entity:{Second}"), (reports[0].FindingCount, reports[0].Findings.Single().StreamKey));
        Assert.True(reports[1].Intact);
        await fixture.Host.Scenario(s =>
        {
            s.Get.Url("/api/ledger/directories/verify");
            s.As(Registrar);
            s.StatusCodeShouldBe(HttpStatusCode.Forbidden);
        });
    }

    [Fact]
    public async Task A_duplicated_column_edited_behind_the_document_is_found()
    {
        await EditAsync($"update {{table}} set jurisdiction = '520103' where id = 'entity:{Second}@1'");

        var finding = Assert.Single((await ReplayAsync()).Findings);
        Assert.Equal($"revision entity:{Second}@1: column jurisdiction holds 520103, its events give 520102", finding.Detail);
    }

    [Fact]
    public async Task A_removed_revision_and_a_reopened_one_are_found()
    {
        await EditAsync($"delete from {{table}} where id = 'entity:{RegisteringEntities.NanmingCode}@2'");
        await EditAsync($"update {{table}} set is_current = true, to_sequence = null where id = 'entity:{RegisteringEntities.NanmingCode}@1'");

        var details = (await ReplayAsync()).Findings.Select(finding => finding.Detail).ToList();
        var first = $"revision entity:{RegisteringEntities.NanmingCode}@1";
        Assert.Equal(3, details.Count); // the row count is explained by the missing revision, so it is no finding of its own
        Assert.Contains($"{first}: column is_current holds True, its events give False", details);
        Assert.Contains(details, detail => detail.StartsWith($"{first}: column to_sequence holds null, its events give ", StringComparison.Ordinal));
        Assert.Contains($"revision entity:{RegisteringEntities.NanmingCode}@2 is missing", details);
    }

    [Fact]
    public async Task An_added_revision_is_named_once()
    {
        var columns = string.Join(", ", EntityRevision.Duplicated.Select(c => c.Column));
        await EditAsync($"insert into {{table}} (id, data, {columns}) select 'entity:{Second}@7', data, {columns} from {{table}} where id = 'entity:{Second}@1'");

        var finding = Assert.Single((await ReplayAsync()).Findings);
        Assert.Equal(($"entity:{Second}", $"revision entity:{Second}@7 was produced by no event of its stream"), (finding.StreamKey, finding.Detail));
    }
}
