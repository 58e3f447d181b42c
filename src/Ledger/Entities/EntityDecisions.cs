using FairDraw.Ledger.Access;
using NodaTime;

namespace FairDraw.Ledger.Entities;

/// <summary>The pure decisions of the entity directory: command + state + actor + now → events, or a <see cref="DomainException"/>.</summary>
public static class EntityDecisions
{
    private static readonly IReadOnlyDictionary<RiskClass, string> RiskLabels =
        Enum.GetValues<RiskClass>().ToDictionary(r => r, r => r + "类");

    /// <summary>Registers a new entity; fails with 409 when the code is already in the directory.</summary>
    public static IReadOnlyList<object> Register(EntityInput input, MarketEntity? state, Actor actor, Instant now)
    {
        actor.RequireRole("登记检查对象 / register entities", Role.Registrar);
        var registered = Validate(input, actor, now);
        return state is null
            ? [registered]
            : throw DomainException.Conflict("uscc", $"统一社会信用代码{registered.Uscc}已在名录库中 / {registered.Uscc} is already in the directory");
    }

    /// <summary>Checks the actor may import entities; the import checks it before it reads the file.</summary>
    public static void AuthorizeImport(Actor actor) => actor.RequireRole("导入检查对象 / import entities", Role.Registrar);

    /// <summary>
    /// Validates an imported row as <see cref="Validate"/> does, and records which optional columns it gives: tags unless
    /// the file has no tags column (an empty cell gives "no tags"), status unless the file has no status column or the
    /// cell is blank.
    /// </summary>
    public static EntityImportRow ValidateImport(EntityInput input, Actor actor, Instant now) =>
        new(Validate(input, actor, now), TagsGiven: input.Tags is not null, StatusGiven: !string.IsNullOrWhiteSpace(input.Status));

    /// <summary>
    /// Brings the directory in line with one imported row (already checked by <see cref="ValidateImport"/>): registers a
    /// new entity (an optional value not given takes its default: no tags, Existing), records what changed for a known
    /// one (an optional value not given stays as it is), and returns nothing when the row matches the directory, so a
    /// re-import is idempotent. Type, jurisdiction and registration authority never change by import.
    /// </summary>
    public static IReadOnlyList<object> Import(EntityImportRow row, MarketEntity? state, Actor actor, Instant now)
    {
        AuthorizeImport(actor);
        var given = row.Registration;
        if (state is null)
        {
            return [given];
        }

        if (state.Type != given.Type || state.Jurisdiction != given.Jurisdiction || state.RegistrationAuthority != given.RegistrationAuthority)
        {
            throw DomainException.Conflict(
                "uscc",
                $"{given.Uscc}的类型、管辖或登记机关与名录库不一致，不能通过导入修改 / type, jurisdiction and registration authority of {given.Uscc} differ from the directory and cannot change by import");
        }

        var events = new List<object>(2);
        var tags = row.TagsGiven ? given.Tags : state.Tags;
        if (state.Name != given.Name || state.Address != given.Address || state.Industry != given.Industry
            || state.RiskClass != given.RiskClass || !Text.SameTags(state.Tags, tags))
        {
            events.Add(new EntityDetailsUpdated(given.Uscc, given.Name, given.Address, given.Industry, given.RiskClass, tags, actor.Id, now));
        }

        if (row.StatusGiven && state.Status != given.Status)
        {
            events.Add(new EntityStatusChanged(given.Uscc, given.Status, "名录导入 / directory import", actor.Id, now));
        }

        return events;
    }

    /// <summary>Replaces the descriptive fields; returns nothing when they are unchanged.</summary>
    public static IReadOnlyList<object> UpdateDetails(UpdateEntityDetails command, MarketEntity? state, Actor actor, Instant now)
    {
        var entity = Existing(state);
        actor.RequireRole("修改检查对象 / update entities", Role.Registrar);
        actor.RequireJurisdiction(entity.Jurisdiction);
        var updated = new EntityDetailsUpdated(
            entity.Uscc,
            Text.Required(command.Name, "name", 200),
            Text.Optional(command.Address, "address", 300),
            IndustryCode.Parse(command.Industry, "industry"),
            Text.Enum(command.RiskClass, "riskClass", RiskLabels),
            Text.Tags(command.Tags, "tags"),
            actor.Id,
            now);
        var unchanged = entity.Name == updated.Name && entity.Address == updated.Address && entity.Industry == updated.Industry
            && entity.RiskClass == updated.RiskClass && Text.SameTags(entity.Tags, updated.Tags);
        return unchanged ? [] : [updated];
    }

    /// <summary>Changes the registration status; the reason is required and the status must actually change.</summary>
    public static IReadOnlyList<object> ChangeStatus(ChangeEntityStatus command, MarketEntity? state, Actor actor, Instant now)
    {
        var entity = Existing(state);
        actor.RequireRole("变更检查对象状态 / change entity status", Role.Registrar);
        actor.RequireJurisdiction(entity.Jurisdiction);
        var status = Text.Enum(command.Status, "status", EntityLabels.Statuses);
        var reason = Text.Required(command.Reason, "reason", 500, multiline: true);
        return status == entity.Status
            ? throw DomainException.Conflict("status", $"状态已是{EntityLabels.Statuses[status]} / status is already {status}")
            : [new EntityStatusChanged(entity.Uscc, status, reason, actor.Id, now)];
    }

    /// <summary>
    /// Validates every field of an input and checks the actor may write in its jurisdiction; the result is the
    /// registration the input would make.
    /// </summary>
    public static EntityRegistered Validate(EntityInput input, Actor actor, Instant now)
    {
        var uscc = Uscc.Parse(input.Uscc);
        var type = Text.Enum(input.Type, "type", EntityLabels.Types);
        if (uscc.Department == '9' && ExpectedType(uscc.Kind) is { } expected && expected != type)
        {
            throw DomainException.Invalid(
                "type",
                $"代码第2位“{uscc.Kind}”表示{EntityLabels.Types[expected]}，与类型“{EntityLabels.Types[type]}”不符 / character 2 '{uscc.Kind}' of a market-regulation code means {expected}, not {type}");
        }

        var jurisdiction = DivisionCode.Parse(input.Jurisdiction);
        actor.RequireJurisdiction(jurisdiction);
        return new EntityRegistered(
            uscc.Value,
            Text.Required(input.Name, "name", 200),
            type,
            jurisdiction,
            Text.Required(input.RegistrationAuthority, "registrationAuthority", 100),
            Text.Optional(input.Address, "address", 300),
            IndustryCode.Parse(input.Industry, "industry"),
            Text.Enum(input.RiskClass, "riskClass", RiskLabels),
            Text.Tags(input.Tags, "tags"),
            string.IsNullOrWhiteSpace(input.Status) ? EntityStatus.Existing : Text.Enum(input.Status, "status", EntityLabels.Statuses),
            actor.Id,
            now);
    }

    private static MarketEntity Existing(MarketEntity? state) =>
        state ?? throw DomainException.NotFound("uscc", "名录库中没有该检查对象 / no such entity in the directory");

    /// <summary>For market-regulation codes (department 9), character 2 fixes the entity type (GB 32100-2015).</summary>
    private static EntityType? ExpectedType(char kind) => kind switch
    {
        '1' => EntityType.Enterprise,
        '2' => EntityType.IndividualBusiness,
        '3' => EntityType.FarmerCooperative,
        _ => null,
    };
}
