using FairDraw.Ledger.Access;
using FairDraw.Ledger.Entities;
using FairDraw.Ledger.Tests.Support;
using NodaTime;

namespace FairDraw.Ledger.Tests.Entities;

/// <summary>Given a state, when a command is decided, then exactly these events (or this error).</summary>
public sealed class EntityDecisionTests
{
    private static readonly Instant Now = Instant.FromUtc(2021, 6, 1, 9, 0);
    private static readonly Actor NanmingRegistrar = new("registrar-1", Role.Registrar, DivisionCode.Parse("520102"));
    private static readonly string Code = Uscc.Complete("91520102MA6DKXAB").Value;

    private static EntityInput Input(string? type = "企业", string? jurisdiction = "520102", string? status = null, string? uscc = null) =>
        new(uscc ?? Code, " 示例商贸有限公司 ", type, jurisdiction, "南明区市场监督管理局", "示例路1号", "F5211", "B", ["食品经营", "食品经营", " 小微 "], status);

    private static UpdateEntityDetails Details() => new("示例商贸有限公司", "示例路1号", "F5211", "B", ["小微", "食品经营"]);

    private static MarketEntity Existing() => MarketEntity.Create((EntityRegistered)EntityDecisions.Register(Input(), null, NanmingRegistrar, Now)[0]);

    [Fact]
    public void Register_new_entity_yields_registered_with_trimmed_fields_and_canonical_tags()
    {
        var registered = Assert.IsType<EntityRegistered>(Assert.Single(EntityDecisions.Register(Input(), null, NanmingRegistrar, Now)));
        Assert.Equal(
            new EntityRegistered(Code, "示例商贸有限公司", EntityType.Enterprise, DivisionCode.Parse("520102"), "南明区市场监督管理局", "示例路1号", "F5211", RiskClass.B, registered.Tags, EntityStatus.Existing, "registrar-1", Now),
            registered);
        Assert.Equal(["小微", "食品经营"], registered.Tags);
    }

    [Fact]
    public void Register_existing_code_is_a_conflict_on_uscc() =>
        EventAssert.Fails(DomainErrorKind.Conflict, "uscc", () => EntityDecisions.Register(Input(), Existing(), NanmingRegistrar, Now));

    [Theory]
    [InlineData(Role.Auditor)]
    [InlineData(Role.Personnel)]
    [InlineData(Role.DistrictBureau)]
    public void Only_registrars_register(Role role) =>
        EventAssert.Fails(DomainErrorKind.Forbidden, "", () => EntityDecisions.Register(Input(), null, NanmingRegistrar with { Role = role }, Now));

    [Fact]
    public void A_district_registrar_cannot_register_in_another_district() =>
        EventAssert.Fails(DomainErrorKind.Forbidden, "", () => EntityDecisions.Register(Input(jurisdiction: "520103"), null, NanmingRegistrar, Now));

    [Fact]
    public void A_city_registrar_registers_in_its_districts()
    {
        var city = NanmingRegistrar with { Jurisdiction = DivisionCode.Parse("520100") };
        Assert.Single(EntityDecisions.Register(Input(), null, city, Now));
    }

    [Theory]
    [InlineData("个体工商户", "type")] // character 2 '1' means enterprise
    [InlineData("公司", "type")]
    [InlineData(null, "type")]
    public void Type_must_be_known_and_match_the_code(string? type, string field) =>
        EventAssert.Fails(DomainErrorKind.Invalid, field, () => EntityDecisions.Register(Input(type: type), null, NanmingRegistrar, Now));

    [Fact]
    public void Codes_of_other_departments_accept_any_type()
    {
        var civilAffairs = Uscc.Complete("52520102MJ000001").Value;
        Assert.Single(EntityDecisions.Register(Input(type: "其他", uscc: civilAffairs), null, NanmingRegistrar, Now));
    }

    [Theory]
    [InlineData("5201", "jurisdiction")]
    [InlineData("abcdef", "jurisdiction")]
    public void Jurisdiction_must_be_a_division_code(string jurisdiction, string field) =>
        EventAssert.Fails(DomainErrorKind.Invalid, field, () => EntityDecisions.Register(Input(jurisdiction: jurisdiction), null, NanmingRegistrar, Now));

    [Fact]
    public void Invalid_fields_are_named()
    {
        EventAssert.Fails(DomainErrorKind.Invalid, "uscc", () => EntityDecisions.Register(Input(uscc: "91350100M000100Y44"), null, NanmingRegistrar, Now));
        EventAssert.Fails(DomainErrorKind.Invalid, "name", () => EntityDecisions.Register(Input() with { Name = "  " }, null, NanmingRegistrar, Now));
        EventAssert.Fails(DomainErrorKind.Invalid, "industry", () => EntityDecisions.Register(Input() with { Industry = "Z12" }, null, NanmingRegistrar, Now));
        EventAssert.Fails(DomainErrorKind.Invalid, "riskClass", () => EntityDecisions.Register(Input() with { RiskClass = "E" }, null, NanmingRegistrar, Now));
        EventAssert.Fails(DomainErrorKind.Invalid, "tags", () => EntityDecisions.Register(Input() with { Tags = ["a;b"] }, null, NanmingRegistrar, Now));
        EventAssert.Fails(DomainErrorKind.Invalid, "status", () => EntityDecisions.Register(Input(status: "休眠"), null, NanmingRegistrar, Now));
    }

    [Fact]
    public void Import_of_an_identical_row_yields_nothing() =>
        Assert.Empty(EntityDecisions.Import(EntityDecisions.ValidateImport(Input(), NanmingRegistrar, Now), Existing(), NanmingRegistrar, Now));

    [Fact]
    public void Import_of_a_changed_row_yields_the_details_and_status_changes()
    {
        var row = EntityDecisions.ValidateImport(Input(status: "注销") with { Address = "新地址" }, NanmingRegistrar, Now);
        var events = EntityDecisions.Import(row, Existing(), NanmingRegistrar, Now);
        Assert.Collection(
            events,
            e => Assert.Equal("新地址", Assert.IsType<EntityDetailsUpdated>(e).Address),
            e => Assert.Equal(EntityStatus.Deregistered, Assert.IsType<EntityStatusChanged>(e).Status));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    public void Import_without_status_or_tags_keeps_those_of_a_known_entity(string? status)
    {
        var revoked = MarketEntity.Evolve(Existing(), new EntityStatusChanged(Code, EntityStatus.Revoked, "吊销", "r", Now));
        var row = EntityDecisions.ValidateImport(Input(status: status) with { Tags = null }, NanmingRegistrar, Now);
        Assert.Empty(EntityDecisions.Import(row, revoked, NanmingRegistrar, Now));

        var renamed = EntityDecisions.Import(row with { Registration = row.Registration with { Name = "新名称" } }, revoked, NanmingRegistrar, Now);
        Assert.Equal(["小微", "食品经营"], Assert.IsType<EntityDetailsUpdated>(Assert.Single(renamed)).Tags);
    }

    [Fact]
    public void Import_of_an_empty_tag_list_clears_the_tags()
    {
        var row = EntityDecisions.ValidateImport(Input() with { Tags = [] }, NanmingRegistrar, Now);
        Assert.Empty(Assert.IsType<EntityDetailsUpdated>(Assert.Single(EntityDecisions.Import(row, Existing(), NanmingRegistrar, Now))).Tags);
    }

    [Fact]
    public void Import_of_a_new_entity_without_status_or_tags_registers_it_existing_without_tags()
    {
        var row = EntityDecisions.ValidateImport(Input() with { Tags = null }, NanmingRegistrar, Now);
        var registered = Assert.IsType<EntityRegistered>(Assert.Single(EntityDecisions.Import(row, null, NanmingRegistrar, Now)));
        Assert.Equal((EntityStatus.Existing, 0), (registered.Status, registered.Tags.Count));
    }

    [Fact]
    public void Import_cannot_move_an_entity_to_another_jurisdiction()
    {
        var city = NanmingRegistrar with { Jurisdiction = DivisionCode.Parse("520100") };
        var row = EntityDecisions.ValidateImport(Input(jurisdiction: "520103"), city, Now);
        EventAssert.Fails(DomainErrorKind.Conflict, "uscc", () => EntityDecisions.Import(row, Existing(), city, Now));
    }

    [Fact]
    public void Update_details_yields_all_fields_or_nothing_when_unchanged()
    {
        var same = new UpdateEntityDetails("示例商贸有限公司", "示例路1号", "F5211", "B", ["小微", "食品经营"]);
        Assert.Empty(EntityDecisions.UpdateDetails(same, Existing(), NanmingRegistrar, Now));

        var changed = same with { RiskClass = "D类" };
        var updated = Assert.IsType<EntityDetailsUpdated>(Assert.Single(EntityDecisions.UpdateDetails(changed, Existing(), NanmingRegistrar, Now)));
        Assert.Equal((RiskClass.D, "registrar-1", Now), (updated.RiskClass, updated.UpdatedBy, updated.UpdatedAt));
    }

    [Fact]
    public void Update_of_unknown_entity_is_not_found() =>
        EventAssert.Fails(DomainErrorKind.NotFound, "uscc", () => EntityDecisions.UpdateDetails(new("a", "", "F52", "A", null), null, NanmingRegistrar, Now));

    [Theory]
    [InlineData(Role.Auditor)]
    [InlineData(Role.Personnel)]
    [InlineData(Role.DistrictBureau)]
    [InlineData(Role.CreditOffice)]
    public void Only_registrars_update_details(Role role) =>
        EventAssert.Fails(
            DomainErrorKind.Forbidden,
            "",
            () => EntityDecisions.UpdateDetails(Details() with { Name = "新名称" }, Existing(), NanmingRegistrar with { Role = role }, Now));

    [Fact]
    public void Another_district_cannot_update_details() =>
        EventAssert.Fails(
            DomainErrorKind.Forbidden,
            "",
            () => EntityDecisions.UpdateDetails(Details() with { Name = "新名称" }, Existing(), NanmingRegistrar with { Jurisdiction = DivisionCode.Parse("520103") }, Now));

    [Fact]
    public void A_city_registrar_updates_details_in_its_districts()
    {
        var city = NanmingRegistrar with { Jurisdiction = DivisionCode.Parse("520100") };
        Assert.Equal("新名称", Assert.IsType<EntityDetailsUpdated>(Assert.Single(EntityDecisions.UpdateDetails(Details() with { Name = "新名称" }, Existing(), city, Now))).Name);
    }

    [Fact]
    public void Update_details_names_the_invalid_field()
    {
        EventAssert.Fails(DomainErrorKind.Invalid, "name", () => EntityDecisions.UpdateDetails(Details() with { Name = "  " }, Existing(), NanmingRegistrar, Now));
        EventAssert.Fails(DomainErrorKind.Invalid, "name", () => EntityDecisions.UpdateDetails(Details() with { Name = new string('名', 201) }, Existing(), NanmingRegistrar, Now));
        EventAssert.Fails(DomainErrorKind.Invalid, "name", () => EntityDecisions.UpdateDetails(Details() with { Name = "示例\u0000" }, Existing(), NanmingRegistrar, Now));
        EventAssert.Fails(DomainErrorKind.Invalid, "address", () => EntityDecisions.UpdateDetails(Details() with { Address = new string('路', 301) }, Existing(), NanmingRegistrar, Now));
        EventAssert.Fails(DomainErrorKind.Invalid, "industry", () => EntityDecisions.UpdateDetails(Details() with { Industry = "Z12" }, Existing(), NanmingRegistrar, Now));
        EventAssert.Fails(DomainErrorKind.Invalid, "industry", () => EntityDecisions.UpdateDetails(Details() with { Industry = "F52A" }, Existing(), NanmingRegistrar, Now));
        EventAssert.Fails(DomainErrorKind.Invalid, "industry", () => EntityDecisions.UpdateDetails(Details() with { Industry = "F52111" }, Existing(), NanmingRegistrar, Now));
        EventAssert.Fails(DomainErrorKind.Invalid, "riskClass", () => EntityDecisions.UpdateDetails(Details() with { RiskClass = "E" }, Existing(), NanmingRegistrar, Now));
        EventAssert.Fails(DomainErrorKind.Invalid, "tags", () => EntityDecisions.UpdateDetails(Details() with { Tags = ["a;b"] }, Existing(), NanmingRegistrar, Now));
        EventAssert.Fails(DomainErrorKind.Invalid, "tags", () => EntityDecisions.UpdateDetails(Details() with { Tags = [new string('标', 33)] }, Existing(), NanmingRegistrar, Now));
        EventAssert.Fails(DomainErrorKind.Invalid, "tags", () => EntityDecisions.UpdateDetails(Details() with { Tags = [" "] }, Existing(), NanmingRegistrar, Now));
    }

    [Fact]
    public void Change_status_needs_a_reason_and_a_real_change()
    {
        Assert.Equal(
            new EntityStatusChanged(Code, EntityStatus.Revoked, "吊销决定书", "registrar-1", Now),
            Assert.Single(EntityDecisions.ChangeStatus(new("Revoked", "吊销决定书"), Existing(), NanmingRegistrar, Now)));
        EventAssert.Fails(DomainErrorKind.Invalid, "reason", () => EntityDecisions.ChangeStatus(new("吊销", ""), Existing(), NanmingRegistrar, Now));
        EventAssert.Fails(DomainErrorKind.Conflict, "status", () => EntityDecisions.ChangeStatus(new("存续", "x"), Existing(), NanmingRegistrar, Now));
    }

    [Fact]
    public void Another_district_cannot_change_status() =>
        EventAssert.Fails(
            DomainErrorKind.Forbidden,
            "",
            () => EntityDecisions.ChangeStatus(new("注销", "x"), Existing(), NanmingRegistrar with { Jurisdiction = DivisionCode.Parse("520103") }, Now));

    [Fact]
    public void Evolve_folds_every_event()
    {
        var state = Existing();
        state = MarketEntity.Evolve(state, new EntityStatusChanged(Code, EntityStatus.MovedOut, "迁出", "r", Now));
        state = MarketEntity.Evolve(state, new EntityDetailsUpdated(Code, "新名", "", "F52", RiskClass.C, [], "r", Now));
        Assert.Equal(("新名", EntityStatus.MovedOut, RiskClass.C), (state.Name, state.Status, state.RiskClass));
    }
}
