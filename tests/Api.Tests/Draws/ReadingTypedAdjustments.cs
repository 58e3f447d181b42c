using System.Text.Json;
using FairDraw.Api.Draws;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger.Draws;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace FairDraw.Api.Tests.Draws;

/// <summary>A round's adjustments are typed: the draw read names each one's kind; the stored events keep their form.</summary>
[Collection(nameof(DrawChecksCollection))]
public sealed class ReadingTypedAdjustments(DrawChecksHost checks) : IAsyncLifetime
{
    private readonly DrawHost fixture = checks.Draws;

    public Task InitializeAsync() => fixture.SeedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_draw_read_names_each_adjustments_kind_and_reads_back_typed_while_stored_events_keep_their_members()
    {
        var url = $"/api/tasks/{DrawHost.TaskId}/draw";
        await fixture.DrawUntilAsync(DrawHost.TaskId, fixture.FoodDivision, "end");
        var drawn = (await fixture.Host.GetAsJson<TaskDrawRead>(url, fixture.FoodDivision))!.Current;
        var gone = drawn.Execution!.Selected[^1].EntityId;
        var substitution = new SubstituteEntity(gone, "经营场所无法联系 / unreachable", "现场核查记录");
        await fixture.AdjustAsync(DrawHost.TaskId, "substitutions", substitution, fixture.FoodDivision, fixture.CreditOfficeApproval());
        var walk = drawn.Assignment!.Assignments
            .First(w => w.EntityId != gone && w.Candidates.Count(c => c.Decision == CandidateDecision.Assigned) == 2);
        var removed = walk.Candidates.First(c => c.Decision == CandidateDecision.Assigned).InspectorId;
        var reassignment = new ReassignInspector(walk.EntityId, removed, "unavailable", null, "检查员长期病假", "病假证明");
        await fixture.AdjustAsync(DrawHost.TaskId, "reassignments", reassignment, fixture.FoodDivision, fixture.CreditOfficeApproval());

        using var read = JsonDocument.Parse(await fixture.Host.GetAsText(url, fixture.FoodDivision));
        var adjustments = read.RootElement.GetProperty("rounds")[0].GetProperty("adjustments").EnumerateArray().ToList();
        Assert.Equal(
            [DrawAdjustment.Substitution, DrawAdjustment.Reassignment],
            adjustments.Select(a => a.GetProperty("kind").GetString()));
        Assert.Equal(
            (gone, removed),
            (adjustments[0].GetProperty("replacedId").GetString(), adjustments[1].GetProperty("removedInspectorId").GetString()));

        var round = (await fixture.Host.GetAsJson<TaskDrawRead>(url, fixture.FoodDivision))!.Current;
        Assert.Equal(gone, Assert.IsType<EntitySubstituted>(round.Adjustments[0]).ReplacedId);
        Assert.Equal(removed, Assert.IsType<InspectorReassigned>(round.Adjustments[1]).RemovedInspectorId);

        string[][] members =
        [
            ["TaskId", "Round", "Stratum", "ReplacedId", "ReplacementId", "ReplacementRank", "ReplacementTicket", "Reason", "Evidence",
                "ApprovedBy", "Assignment", "SubstitutedBy", "SubstitutedAt", "Conflicts"],
            ["TaskId", "Round", "EntityId", "RemovedInspectorId", "Trigger", "Rule", "ReplacementInspectorId", "Candidates", "Reason",
                "Evidence", "ApprovedBy", "ReassignedBy", "ReassignedAt", "Conflicts"],
        ];
        Assert.Equal([.. members.Select(names => names.Order(StringComparer.Ordinal).ToList())], await StoredMembersAsync());
    }

    /// <summary>The member names of the stored substitution and reassignment, in that order, each sorted.</summary>
    private async Task<List<List<string>>> StoredMembersAsync()
    {
        await using var query = fixture.Host.Services.GetRequiredService<NpgsqlDataSource>().CreateCommand(
            $"""
            select data::text from {fixture.Schema}.mt_events
            where type in ('entity_substituted', 'inspector_reassigned') order by seq_id
            """);
        await using var reader = await query.ExecuteReaderAsync();
        var members = new List<List<string>>();
        while (await reader.ReadAsync())
        {
            using var data = JsonDocument.Parse(reader.GetString(0));
            members.Add([.. data.RootElement.EnumerateObject().Select(member => member.Name).Order(StringComparer.Ordinal)]);
        }

        return members;
    }
}
