using System.Net;
using System.Text.Json;
using Alba;
using FairDraw.Api.Dossiers;
using FairDraw.Api.Tests.Draws;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Entities;
using FairDraw.Ledger.Integrity;
using JasperFx.Events;

namespace FairDraw.Api.Tests.Dossiers;

/// <summary>
/// Investigators' dossiers over a year of one task (<see cref="DossierYear"/>): each lists exactly the events about its
/// subject in ledger order, as of now, a ledger position and an instant; every entry's receipt verifies offline against
/// the page's checkpoint; paging returns each entry once; other roles are refused and bad parameters named.
/// </summary>
[Collection(nameof(DrawCollection))]
public sealed class ReadingDossiers(DrawHost fixture) : IAsyncLifetime
{
    private DossierYear year = null!;

    private string Investigator => fixture.Token(Role.Investigator, "520000", "investigator");

    public async Task InitializeAsync() => year = await DossierYear.LiveAsync(fixture);

    public Task DisposeAsync() => Task.CompletedTask;

    private static readonly string[] KindNames = ["entities", "inspectors", "officials", "tasks"];

    public static TheoryData<string> Kinds() => [.. KindNames];

    private (string Url, Func<IEvent, bool> About) Dossier(string kind) => kind switch
    {
        "entities" => ($"/api/dossiers/entities/{year.Entity}", e => year.AboutEntity(e, year.Entity)),
        "inspectors" => ($"/api/dossiers/inspectors/{year.Recorder}", e => DossierYear.AboutInspector(e, year.Recorder)),
        "officials" => ("/api/dossiers/officials/food-division", e => DossierYear.ByOfficial(e, "food-division")),
        _ => ($"/api/dossiers/tasks/{DrawHost.TaskId}", e => DossierYear.OfTask(e, DrawHost.TaskId)),
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_dossier_lists_its_subjects_events_in_ledger_order_now_at_a_position_and_at_an_instant(string kind)
    {
        var (url, about) = Dossier(kind);
        var expected = year.Events.Where(about).ToList();

        var now = await ReadAllAsync(url, 500);
        var atPosition = await ReadAllAsync($"{url}?asOfSequence={year.ResultSequence}", 500);
        var atInstant = await ReadAllAsync($"{url}?asOf={DossierYear.BeforeTheResults}", 500);

        Assert.Equal(expected.Select(e => e.Sequence), now.Select(entry => entry.Sequence));
        Assert.Equal(expected.Select(e => e.EventTypeName), now.Select(entry => entry.Type));
        Assert.Equal(expected.Where(e => e.Sequence <= year.ResultSequence).Select(e => e.Sequence), atPosition.Select(entry => entry.Sequence));
        Assert.Equal(
            expected.Where(e => ((IAttributedEvent)e.Data).OccurredAt <= DossierYear.BeforeTheResults).Select(e => e.Sequence),
            atInstant.Select(entry => entry.Sequence));
        Assert.NotEqual(now.Count, atInstant.Count); // the results came after the instant: the cut is not vacuous
    }

    [Fact]
    public async Task Each_dossier_names_the_steps_its_subject_took_part_in()
    {
        var entity = (await ReadAllAsync(Dossier("entities").Url, 500)).Select(entry => entry.Type).ToList();
        var inspector = (await ReadAllAsync(Dossier("inspectors").Url, 500)).Select(entry => entry.Type).ToList();
        var official = await ReadAllAsync($"/api/dossiers/officials/{year.Approver}", 500);

        Assert.Equal(
            ["entity_registered", "pool_frozen", "draw_executed", "inspectors_assigned", "inspection_result_recorded",
             "inspection_result_approved", "inspection_result_published", "follow_up_opened"],
            entity);
        Assert.Equal(
            ["inspector_enrolled", "inspectors_assigned", "inspection_result_recorded"],
            inspector.Where(type => type is not ("entity_substituted" or "inspector_reassigned")));
        // The credit office wrote the lottery confirmation and countersigned the two adjustments the food division wrote.
        Assert.Equal(
            [("lottery_values_confirmed", year.Approver), ("entity_substituted", "food-division"), ("inspector_reassigned", "food-division")],
            official.Select(entry => (entry.Type, entry.Actor)));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Every_entry_carries_a_receipt_that_verifies_offline_and_paging_returns_each_entry_once(string kind)
    {
        var (url, _) = Dossier(kind);
        var whole = await ReadAllAsync(url, 500);
        var pages = new List<DossierPage>();
        for (string? next = "", separator = url.Contains('?', StringComparison.Ordinal) ? "&" : "?"; next is not null;)
        {
            var page = (await fixture.Host.GetAsJson<DossierPage>(
                $"{url}{separator}pageSize=3{(next.Length > 0 ? "&after=" + next : "")}", fixture.Token(Role.Auditor, "520000", "auditor")))!;
            pages.Add(page);
            next = page.Next;
        }

        var paged = pages.SelectMany(page => page.Entries.Select(entry => (page, entry))).ToList();
        Assert.Equal(whole.Select(entry => entry.Sequence), paged.Select(item => item.entry.Sequence));
        Assert.True(pages.Count > 1, "more than one page");
        foreach (var (page, entry) in paged)
        {
            var receipt = new Receipt(entry.StreamKey, entry.Version, entry.Sequence, entry.LeafIndex!.Value, entry.Canonical!,
                entry.InclusionProof!, page.Checkpoint!, page.VerifierKey);
            Assert.Null(receipt.Verify(fixture.VerifierKey).Failure);
            Assert.Contains($"\"type\":\"{entry.Type}\"", entry.Canonical, StringComparison.Ordinal);
            var altered = receipt with { Canonical = receipt.Canonical.Replace(entry.Actor, entry.Actor + "x", StringComparison.Ordinal) };
            Assert.StartsWith("inclusion", altered.Verify(fixture.VerifierKey).Failure, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Only_investigators_and_auditors_may_read_a_dossier()
    {
        foreach (var (url, _) in KindNames.Select(Dossier))
        {
            Role[] others = [Role.CreditOffice, Role.BusinessDivision, Role.DistrictBureau, Role.Registrar, Role.Personnel, Role.Inspector];
            foreach (var role in others)
            {
                await StatusAsync(url, fixture.Token(role, "520100", year.Recorder), HttpStatusCode.Forbidden);
            }

            await StatusAsync(url, Investigator, HttpStatusCode.OK);
            await StatusAsync(url, fixture.Token(Role.Auditor, "520000", "auditor"), HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task Bad_parameters_are_named_and_an_unknown_subject_is_not_found()
    {
        const string task = "/api/dossiers/tasks/2021-520100-SPSC-T01";
        (string Url, string Field, HttpStatusCode Status)[] cases =
        [
            ("/api/dossiers/entities/915201020000000X", "uscc", HttpStatusCode.BadRequest),
            ("/api/dossiers/inspectors/x", "id", HttpStatusCode.BadRequest),
            ("/api/dossiers/tasks/T01", "taskId", HttpStatusCode.BadRequest),
            ($"{task}?asOf=yesterday", "asOf", HttpStatusCode.BadRequest),
            ($"{task}?asOfSequence=-1", "asOfSequence", HttpStatusCode.BadRequest),
            ($"{task}?asOfSequence=abc", "asOfSequence", HttpStatusCode.BadRequest),
            ($"{task}?asOf=2022-01-01T00:00:00Z&asOfSequence=3", "asOf", HttpStatusCode.BadRequest),
            ($"{task}?pageSize=0", "pageSize", HttpStatusCode.BadRequest),
            ($"{task}?after=bm90LWEtY3Vyc29y", "after", HttpStatusCode.BadRequest),
            ("/api/dossiers/tasks/2021-520100-SPSC-T99", "taskId", HttpStatusCode.NotFound),
            ("/api/dossiers/inspectors/GY520100-0099", "id", HttpStatusCode.NotFound),
            ("/api/dossiers/officials/nobody", "userId", HttpStatusCode.NotFound),
            ($"/api/dossiers/entities/{Uscc.Complete("9152010299999999").Value}", "uscc", HttpStatusCode.NotFound),
        ];
        foreach (var (url, field, status) in cases)
        {
            var refusal = await StatusAsync(url, Investigator, status);

            Assert.Equal((url, field), (url, (await refusal.ReadAsJsonAsync<JsonElement>()).GetProperty("field").GetString()));
        }
    }

    [Fact]
    public async Task A_cursor_of_another_dossier_is_refused()
    {
        var page = (await fixture.Host.GetAsJson<DossierPage>($"{Dossier("tasks").Url}?pageSize=1", Investigator))!;
        var misapplied = await StatusAsync($"{Dossier("entities").Url}?pageSize=1&after={page.Next}", Investigator, HttpStatusCode.BadRequest);

        Assert.Equal("after", (await misapplied.ReadAsJsonAsync<JsonElement>()).GetProperty("field").GetString());
    }

    private async Task<List<DossierEntry>> ReadAllAsync(string url, int pageSize)
    {
        var page = (await fixture.Host.GetAsJson<DossierPage>(
            $"{url}{(url.Contains('?', StringComparison.Ordinal) ? "&" : "?")}pageSize={pageSize}", Investigator))!;
        Assert.Null(page.Next);
        return [.. page.Entries];
    }

    private Task<IScenarioResult> StatusAsync(string url, string token, HttpStatusCode status) => fixture.Host.Scenario(s =>
    {
        s.Get.Url(url);
        s.As(token);
        s.StatusCodeShouldBe(status);
    });
}
