using FairDraw.Ledger.Access;
using FairDraw.Ledger.Draws;
using FairDraw.Ledger.Draws.Engine;
using FairDraw.Ledger.Tests.Support;
using NodaTime;

namespace FairDraw.Ledger.Tests.Draws;

/// <summary>The DRAW-v1 order is enforced by the decisions: every step refuses to run out of turn, with a 409 or 400.</summary>
public sealed class DrawOrderTests
{
    [Fact]
    public void A_complete_draw_selects_exactly_what_the_pure_core_selects()
    {
        var draw = new DrawWorkflow(partySecrets: 2).Complete();
        var round = draw.State!.Current;
        var commitment = round.RebuildCommitment(round.Commitment!);
        var seed = DrawSeed.Derive(commitment, round.RandomnessRecord(commitment, round.Randomness!));
        var expected = EntitySelection.Draw(seed, EntityPool.Freeze(draw.Members), commitment.Rules);

        Assert.Equal(expected.Selected.Select(entity => entity.Id), round.Execution!.Selected.Select(entity => entity.EntityId));
        Assert.Equal(Convert.ToHexStringLower(expected.Root), round.Execution.SelectionRoot);
        Assert.Equal([1L, 1, 2, 2], round.Execution.Strata.Select(stratum => stratum.SampleSize)); // ceil(40/100), ceil(90/100), ceil(2), ceil(2)
        Assert.Equal(round.Execution.Selected.Count, round.Assignment!.Assignments.Count);
    }

    [Fact]
    public void The_commitment_is_signed_by_the_ledger_key_over_its_canonical_bytes()
    {
        var draw = new DrawWorkflow();
        draw.Freeze();
        var committed = Assert.IsType<DrawCommitted>(draw.Commit().Single());

        Assert.True(FairDraw.Ledger.Integrity.CheckpointVerifier.VerifyCommitment(System.Text.Encoding.UTF8.GetBytes(committed.Canonical), committed.Signature, DrawWorkflow.Signer.PublicKeyText()));
        Assert.False(FairDraw.Ledger.Integrity.CheckpointVerifier.VerifyCommitment(System.Text.Encoding.UTF8.GetBytes(committed.Canonical + " "), committed.Signature, DrawWorkflow.Signer.PublicKeyText()));
        Assert.Equal(committed.Sources.Min(source => source.ResolvesAt), committed.PublishBy);
    }

    [Fact]
    public void No_step_runs_before_the_pool_is_frozen()
    {
        var draw = new DrawWorkflow();
        EventAssert.Fails(DomainErrorKind.Conflict, "round", draw.Commit);
        EventAssert.Fails(DomainErrorKind.Conflict, "round", draw.Record);
        EventAssert.Fails(DomainErrorKind.Conflict, "round", draw.Execute);
    }

    [Fact]
    public void A_task_of_an_unfiled_plan_is_not_drawn()
    {
        EventAssert.Fails(DomainErrorKind.Conflict, "plan", () => new DrawWorkflow(planFiled: false).Freeze());
    }

    [Fact]
    public void Only_a_business_division_or_district_bureau_inside_the_jurisdiction_draws()
    {
        var draw = new DrawWorkflow();
        var registrar = new Actor("registrar", Role.Registrar, DrawWorkflow.Guiyang);
        var otherCity = new Actor("zunyi", Role.BusinessDivision, DivisionCode.Parse("520300"));
        var district = new Actor("nanming", Role.DistrictBureau, DivisionCode.Parse("520102"));

        EventAssert.Fails(DomainErrorKind.Forbidden, "", () => DrawDecisions.Freeze(draw.Task, null, new FreezePool(null), draw.Pools, registrar, draw.Now));
        EventAssert.Fails(DomainErrorKind.Forbidden, "", () => DrawDecisions.Freeze(draw.Task, null, new FreezePool(null), draw.Pools, otherCity, draw.Now));
        EventAssert.Fails(DomainErrorKind.Forbidden, "", () => DrawDecisions.Freeze(draw.Task, null, new FreezePool(null), draw.Pools, district, draw.Now));
    }

    [Fact]
    public void Sources_must_include_drand_and_a_lottery_and_resolve_a_day_after_the_commitment()
    {
        var draw = new DrawWorkflow();
        draw.Freeze();
        var onlyDrand = draw.Commitment() with { Sources = [DrawWorkflow.Sources(DrawWorkflow.DrandRound, new LocalDate(2021, 4, 3))[0]] };
        EventAssert.Fails(DomainErrorKind.Invalid, "sources", () => DrawDecisions.Commit(draw.Task, draw.State, onlyDrand, DrawWorkflow.Signer, DrawWorkflow.Division, draw.Now));

        var tooSoon = draw.Commitment() with { Sources = DrawWorkflow.Sources(DrawWorkflow.DrandRound, new LocalDate(2021, 4, 1)) };
        EventAssert.Fails(DomainErrorKind.Invalid, "sources[1]", () => DrawDecisions.Commit(draw.Task, draw.State, tooSoon, DrawWorkflow.Signer, DrawWorkflow.Division, draw.Now));

        var pastRound = draw.Commitment() with { Sources = DrawWorkflow.Sources(1000, new LocalDate(2021, 4, 3)) };
        EventAssert.Fails(DomainErrorKind.Invalid, "sources[0]", () => DrawDecisions.Commit(draw.Task, draw.State, pastRound, DrawWorkflow.Signer, DrawWorkflow.Division, draw.Now));

        var nullSource = draw.Commitment() with { Sources = [.. DrawWorkflow.Sources(DrawWorkflow.DrandRound, new LocalDate(2021, 4, 3)), null!] };
        EventAssert.Fails(DomainErrorKind.Invalid, "sources[2]", () => DrawDecisions.Commit(draw.Task, draw.State, nullSource, DrawWorkflow.Signer, DrawWorkflow.Division, draw.Now));
    }

    [Fact]
    public void A_round_is_committed_once()
    {
        var draw = new DrawWorkflow();
        draw.Freeze();
        draw.Commit();
        EventAssert.Fails(DomainErrorKind.Conflict, "round", draw.Commit);
    }

    [Fact]
    public void Publication_needs_the_commitment_inside_a_signed_checkpoint_and_must_precede_the_sources()
    {
        var draw = new DrawWorkflow();
        draw.Freeze();
        draw.Commit();
        var notice = new PublishCommitment("门户网站", "公告");
        EventAssert.Fails(DomainErrorKind.Conflict, "checkpoint", () => DrawDecisions.Publish(draw.Task, draw.State, notice, null, DrawWorkflow.Division, draw.Now));

        var late = draw.State!.Current.Commitment!.PublishBy;
        EventAssert.Fails(DomainErrorKind.Conflict, "publishBy", () => DrawDecisions.Publish(draw.Task, draw.State, notice, draw.InLog(), DrawWorkflow.Division, late));
    }

    [Fact]
    public void No_randomness_before_publication_nor_before_every_source_resolved()
    {
        var draw = new DrawWorkflow();
        draw.Freeze();
        draw.Commit();
        draw.Now = DrawWorkflow.SourcesResolved;
        EventAssert.Fails(DomainErrorKind.Conflict, "round", draw.Record);

        draw.Now = DrawWorkflow.Start + Duration.FromMinutes(10);
        draw.Publish();
        EventAssert.Fails(DomainErrorKind.Conflict, "sources", draw.Record);
    }

    [Fact]
    public void Every_committed_party_secret_is_revealed_before_randomness_and_must_match_its_hash()
    {
        var draw = new DrawWorkflow(partySecrets: 2).Published();
        EventAssert.Fails(DomainErrorKind.Invalid, "secret", () => DrawDecisions.RevealSecret(draw.Task, draw.State, new RevealPartySecret(0, "00ff"), DrawWorkflow.Division, draw.Now));
        draw.Reveal(0);
        EventAssert.Fails(DomainErrorKind.Conflict, "index", () => draw.Reveal(0));

        draw.Now = DrawWorkflow.SourcesResolved;
        EventAssert.Fails(DomainErrorKind.Conflict, "partySecrets", draw.Record);
    }

    [Fact]
    public void Randomness_needs_a_value_for_every_committed_source()
    {
        var draw = new DrawWorkflow().Published();
        draw.Now = DrawWorkflow.SourcesResolved;
        var missing = new RecordRandomness([DrawWorkflow.Drand]);
        EventAssert.Fails(DomainErrorKind.Invalid, "values", () => DrawDecisions.RecordRandomness(draw.Task, draw.State, missing, DrawWorkflow.Division, draw.Now));
        var twice = new RecordRandomness([DrawWorkflow.Drand, new("fucai-3d", null, [1]), DrawWorkflow.Drand]);
        EventAssert.Fails(DomainErrorKind.Invalid, "values[2].label", () => DrawDecisions.RecordRandomness(draw.Task, draw.State, twice, DrawWorkflow.Division, draw.Now));
    }

    /// <summary>The field of a refused value is its JSON path in the request (in the request's order), not the source's label.</summary>
    [Theory]
    [InlineData("bad signature", "values[1].signature")]
    [InlineData("no signature", "values[1].signature")]
    [InlineData("negative number", "values[0].numbers")]
    [InlineData("no numbers", "values[0].numbers")]
    [InlineData("unknown label", "values[2].label")]
    [InlineData("no label", "values[0].label")]
    [InlineData("null value", "values[1]")]
    public void A_refused_value_is_named_by_its_path_in_the_request(string problem, string field)
    {
        var draw = new DrawWorkflow().Published();
        draw.Now = DrawWorkflow.SourcesResolved;
        RandomnessInput lottery = new("fucai-3d", null, [7, 2, 7]);
        var drand = DrawWorkflow.Drand;
        IReadOnlyList<RandomnessInput> values = problem switch
        {
            "bad signature" => [lottery, drand with { Signature = "xyz" }],
            "no signature" => [lottery, drand with { Signature = null }],
            "negative number" => [lottery with { Numbers = [7, -2, 7] }, drand],
            "no numbers" => [lottery with { Numbers = null }, drand],
            "unknown label" => [lottery, drand, new("shuangseqiu", null, [1])],
            "no label" => [lottery with { Label = null }, drand],
            "null value" => [lottery, null!, drand],
            _ => throw new ArgumentOutOfRangeException(nameof(problem)),
        };

        EventAssert.Fails(DomainErrorKind.Invalid, field, () => DrawDecisions.RecordRandomness(draw.Task, draw.State, new RecordRandomness(values), DrawWorkflow.Division, draw.Now));
    }

    [Fact]
    public void A_missing_secret_index_is_refused_rather_than_taken_as_the_first()
    {
        var draw = new DrawWorkflow(partySecrets: 2).Published();
        var secret = Convert.ToHexStringLower(draw.Secrets[0]);
        EventAssert.Fails(DomainErrorKind.Invalid, "index", () => DrawDecisions.RevealSecret(draw.Task, draw.State, new RevealPartySecret(null, secret), DrawWorkflow.Division, draw.Now));
    }

    [Fact]
    public void One_execution_per_commitment_and_assignment_only_after_it()
    {
        var draw = new DrawWorkflow().Recorded();
        EventAssert.Fails(DomainErrorKind.Conflict, "round", draw.Assign);
        draw.Execute();
        EventAssert.Fails(DomainErrorKind.Conflict, "round", draw.Execute);
    }

    [Fact]
    public void Execution_refuses_a_pool_that_no_longer_has_the_frozen_root()
    {
        var draw = new DrawWorkflow().Recorded();
        var altered = EntityPool.Freeze(draw.Members.Skip(1));
        EventAssert.Fails(DomainErrorKind.Conflict, "pool", () => DrawDecisions.Execute(draw.Task, draw.State, altered, DrawWorkflow.Division, draw.Now));
    }

    [Fact]
    public void A_redraw_is_a_new_round_with_a_reason_and_new_future_sources()
    {
        var draw = new DrawWorkflow().Complete();
        draw.SetAside();
        EventAssert.Fails(DomainErrorKind.Invalid, "reason", () => draw.Freeze());
        var frozen = Assert.IsType<PoolFrozen>(draw.Freeze("第1轮抽中对象已于摇号前注销 / a drawn entity had been deregistered before the draw").Single());
        Assert.Equal(2, frozen.Round);

        EventAssert.Fails(DomainErrorKind.Invalid, "sources[0]", draw.Commit);
        var fresh = draw.Commitment() with { Sources = DrawWorkflow.Sources(DrawWorkflow.DrandRound + 20_000, new LocalDate(2021, 4, 6)) };
        var committed = Assert.IsType<DrawCommitted>(DrawDecisions.Commit(draw.Task, draw.State, fresh, DrawWorkflow.Signer, DrawWorkflow.Division, draw.Now).Single());
        Assert.NotEqual(draw.State!.Rounds[0].Commitment!.CommitHash, committed.CommitHash);
    }

    [Fact]
    public void A_committed_round_recorded_or_executed_is_replaced_only_once_set_aside_with_a_countersignature()
    {
        var draw = new DrawWorkflow().Recorded();
        EventAssert.Fails(DomainErrorKind.Conflict, "round", () => draw.Freeze("结果不理想 / a result nobody liked"));
        draw.Execute();
        EventAssert.Fails(DomainErrorKind.Conflict, "round", () => draw.Freeze("第1轮抽中对象已于摇号前注销 / a drawn entity had been deregistered before the draw"));

        var setAside = Assert.IsType<RoundSetAside>(Assert.Single(draw.SetAside()));
        Assert.Equal((DrawWorkflow.CreditOffice.Id, DrawWorkflow.Division.Id), (setAside.ApprovedBy, setAside.SetAsideBy));
        EventAssert.Fails(DomainErrorKind.Conflict, "round", () => draw.SetAside());
        EventAssert.Fails(DomainErrorKind.Conflict, "round", draw.Assign);
        Assert.IsType<PoolFrozen>(draw.Freeze("第1轮抽中对象已于摇号前注销 / a drawn entity had been deregistered before the draw").Single());
    }

    [Fact]
    public void A_published_round_is_replaced_before_its_sources_resolve_only_once_set_aside()
    {
        var draw = new DrawWorkflow().Published();
        const string reason = "公告渠道有误，改期重新承诺 / the notice went to the wrong channel: recommit";
        EventAssert.Fails(DomainErrorKind.Conflict, "round", () => draw.Freeze(reason));
        draw.SetAside(reason);

        // Set aside before its sources resolved, it stays replaceable once they are due.
        draw.Now = DrawWorkflow.SourcesResolved;
        var frozen = Assert.IsType<PoolFrozen>(draw.Freeze(reason).Single());
        Assert.Equal(2, frozen.Round);
    }

    [Fact]
    public void A_round_whose_sources_are_due_cannot_be_set_aside_before_its_values_are_recorded()
    {
        // Its values may be public: it is recorded and executed first, so that what is set aside has its result on record.
        var draw = new DrawWorkflow().Published();
        draw.Now = DrawWorkflow.SourcesResolved;
        EventAssert.Fails(DomainErrorKind.Conflict, "round", () => draw.SetAside());
        draw.Record();
        Assert.IsType<RoundSetAside>(Assert.Single(draw.SetAside()));
        EventAssert.Fails(DomainErrorKind.Conflict, "round", draw.Confirm);
    }

    [Fact]
    public void Once_its_sources_are_due_a_published_round_is_replaced_only_after_it_lapses_by_the_fallback()
    {
        var draw = new DrawWorkflow().Published();
        var committed = draw.State!.Current.Commitment!;
        const string reason = "福彩3D当期停开，按承诺的补救规则重新承诺 / the lottery draw was cancelled: recommit as the fallback says";

        // From the first source's time the values may be public: a new round could set aside a result anyone can compute.
        draw.Now = committed.PublishBy;
        EventAssert.Fails(DomainErrorKind.Conflict, "round", () => draw.Freeze(reason));
        draw.Now = committed.Sources.Max(source => source.ResolvesAt) + DrawDecisions.SourceGrace - Duration.FromSeconds(1);
        EventAssert.Fails(DomainErrorKind.Conflict, "round", () => draw.Freeze(reason));

        // Every source has had its 72 hours and no randomness was recorded: the round lapses as its fallback says.
        draw.Now += Duration.FromSeconds(1);
        Assert.Equal(DrawDecisions.LapsesAt(committed), draw.Now);
        var frozen = Assert.IsType<PoolFrozen>(draw.Freeze(reason).Single());
        Assert.Equal(2, frozen.Round);
    }

    [Fact]
    public void A_lapsed_round_takes_no_randomness_so_it_is_executed_in_time_or_never()
    {
        var draw = new DrawWorkflow().Published();
        var lapses = DrawDecisions.LapsesAt(draw.State!.Current.Commitment!);

        draw.Now = lapses;
        EventAssert.Fails(DomainErrorKind.Conflict, "round", draw.Record);

        draw.Now = lapses - Duration.FromSeconds(1);
        Assert.IsType<RandomnessRecorded>(draw.Record().Single());
    }

    [Fact]
    public void A_round_whose_party_secret_was_not_revealed_in_time_can_be_replaced_once_its_sources_are_due()
    {
        // The secret had to be revealed before PublishBy, before any source resolved: withholding it could not depend on
        // the result, and the round can never take its randomness.
        var draw = new DrawWorkflow(partySecrets: 1).Published();
        draw.Now = DrawWorkflow.SourcesResolved;
        Assert.True(draw.Now < DrawDecisions.LapsesAt(draw.State!.Current.Commitment!));
        EventAssert.Fails(DomainErrorKind.Conflict, "partySecrets", draw.Record);

        var frozen = Assert.IsType<PoolFrozen>(draw.Freeze("多方秘密未按时揭示，本轮无法执行 / a party secret was not revealed in time").Single());
        Assert.Equal(2, frozen.Round);
    }

    [Fact]
    public void An_unpublished_round_lapses_at_its_publish_by_instant()
    {
        var draw = new DrawWorkflow();
        draw.Freeze();
        draw.Commit();
        draw.Now = draw.State!.Current.Commitment!.PublishBy;
        Assert.IsType<PoolFrozen>(draw.Freeze("未在开奖前公布承诺，该轮作废 / the commitment was not published before its sources resolved").Single());
    }

    [Fact]
    public void A_stratum_without_a_ratio_in_the_plan_cannot_be_frozen()
    {
        var draw = new DrawWorkflow();
        var task = draw.Task with { Spec = DrawWorkflow.Spec() with { Strata = [new("A", "1/100", null)] } };
        EventAssert.Fails(DomainErrorKind.Conflict, "strata", () => DrawDecisions.Freeze(task, null, new FreezePool(null), draw.Pools, DrawWorkflow.Division, draw.Now));
    }
}
