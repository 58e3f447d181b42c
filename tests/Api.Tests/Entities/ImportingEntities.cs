using System.Net;
using System.Text;
using System.Text.Json;
using Alba;
using FairDraw.Api.Entities;
using FairDraw.Api.Reads;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Entities;
using FairDraw.Projections.Directories;
using FairDraw.Projections.Integrity;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Npgsql;

namespace FairDraw.Api.Tests.Entities;

[Collection(nameof(EntityDirectoryCollection))]
public sealed class ImportingEntities(EntityDirectoryHost fixture) : IAsyncLifetime
{
    private static readonly string Header = string.Join(',', EntityCsv.Columns.Select(c => c.Name));
    private static readonly string First = Uscc.Complete("91520102MA6DKX01").Value;
    private static readonly string Second = Uscc.Complete("92520102MA6DKX02").Value;
    private static readonly string Third = Uscc.Complete("93520102MA6DKX03").Value;

    private static string Csv(params string[] lines) => string.Join("\n", [Header, .. lines]) + "\n";

    private static string Row(string uscc, string type, string name = "示例", string status = "存续") =>
        $"{uscc},{name},{type},520102,南明区市场监督管理局,\"示例路1号,A座\",F5211,C,食品经营;小微,{status}";

    private string Registrar => fixture.Token(Role.Registrar, "520102", "registrar-nanming");

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<IScenarioResult> Upload(string csv, string token, int status, bool withBom = false) =>
        fixture.Host.Scenario(s =>
        {
            var bytes = Encoding.UTF8.GetBytes(csv);
            s.Post.ByteArray(withBom ? [0xEF, 0xBB, 0xBF, .. bytes] : bytes).ToUrl("/api/entities/import").ContentType("text/csv");
            s.As(token);
            s.StatusCodeShouldBe(status);
        });

    /// <summary>The ledger streams of the schema (Marten's gap fillers after a failed write are not ledger events).</summary>
    private async Task<long> StreamCount()
    {
        await using var count = fixture.Host.Services.GetRequiredService<NpgsqlDataSource>().CreateCommand(
            $"select count(distinct e.stream_id) from {fixture.Schema}.mt_events e where not {StoredEvent.GapFillerCondition}");
        return (long)(await count.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task The_import_entities_verb_imports_as_the_registrar_its_token_names_and_nothing_without_one()
    {
        var file = Path.Combine(Path.GetTempPath(), $"fairdraw-import-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, Csv(Row(First, "企业"), Row(Second, "个体工商户")));
        try
        {
            var anonymous = await fixture.RunApiAsync("import-entities", file);
            Assert.NotEqual(0, anonymous.ExitCode);
            Assert.Contains("nothing was written", anonymous.Output);

            var elsewhere = await fixture.RunApiAsync("import-entities", file, "--token", fixture.Token(Role.Registrar, "520103", "registrar-yunyan"));
            Assert.NotEqual(0, elsewhere.ExitCode);
            Assert.Equal(0, await StreamCount());

            var imported = await fixture.RunApiAsync("import-entities", file, "--token", Registrar);
            Assert.True(imported.ExitCode == 0, imported.Output);
            Assert.Contains("2 rows: 2 registered", imported.Output);
            var page = await fixture.Host.GetAsJson<Page<EntityRevision>>("/api/entities?jurisdiction=520102", Registrar);
            Assert.Equal([First, Second], page!.Items.Select(entity => entity.Uscc).Order());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_valid_file_with_a_bom_registers_every_row_and_a_reimport_changes_nothing()
    {
        var csv = Csv(Row(First, "企业"), Row(Second, "IndividualBusiness"), Row(Third, "农民专业合作社", status: "注销"));

        var first = await (await Upload(csv, Registrar, 200, withBom: true)).ReadAsJsonAsync<ImportSummary>();
        Assert.Equal(new ImportSummary(3, 3, 0, 0, 3), first);

        var again = await (await Upload(csv, Registrar, 200)).ReadAsJsonAsync<ImportSummary>();
        Assert.Equal(new ImportSummary(3, 0, 0, 3, 0), again);

        var page = await fixture.Host.GetAsJson<Page<EntityRevision>>("/api/entities?jurisdiction=520102", Registrar);
        Assert.Equal([First, Second, Third], page!.Items.Select(e => e.Uscc));
        Assert.Equal("示例路1号,A座", page.Items[0].Address);
        Assert.Equal(EntityStatus.Deregistered, page.Items[2].Status);
        Assert.Equal(3, await StreamCount());
    }

    [Fact]
    public async Task A_changed_row_appends_only_the_change()
    {
        await Upload(Csv(Row(First, "企业")), Registrar, 200);
        var summary = await (await Upload(Csv(Row(First, "企业", name: "新名称", status: "吊销"), Row(Second, "个体工商户")), Registrar, 200))
            .ReadAsJsonAsync<ImportSummary>();
        Assert.Equal(new ImportSummary(2, 1, 1, 0, 3), summary);

        var history = await fixture.Host.GetAsJson<List<JsonElement>>($"/api/entities/{First}/history", Registrar);
        Assert.Equal(["entity_registered", "entity_details_updated", "entity_status_changed"], history!.Select(h => h.GetProperty("type").GetString()));
    }

    [Fact]
    public async Task A_reimport_without_the_optional_columns_keeps_status_and_tags()
    {
        await Upload(Csv(Row(First, "企业", status: "注销"), Row(Second, "个体工商户", status: "吊销")), Registrar, 200);

        var withoutOptional = string.Join('\n', [
            "uscc,name,type,jurisdiction,registrationAuthority,address,industry,riskClass",
            $"{First},示例,企业,520102,南明区市场监督管理局,\"示例路1号,A座\",F5211,C",
            $"{Second},示例,个体工商户,520102,南明区市场监督管理局,\"示例路1号,A座\",F5211,C",
            $"{Third},示例,农民专业合作社,520102,南明区市场监督管理局,示例路3号,F5211,C"]) + "\n";
        var summary = await (await Upload(withoutOptional, Registrar, 200)).ReadAsJsonAsync<ImportSummary>();
        Assert.Equal(new ImportSummary(3, 1, 0, 2, 1), summary);

        var page = await fixture.Host.GetAsJson<Page<EntityRevision>>("/api/entities?jurisdiction=520102", Registrar);
        Assert.Equal(
            [(EntityStatus.Deregistered, "小微;食品经营"), (EntityStatus.Revoked, "小微;食品经营"), (EntityStatus.Existing, "")],
            page!.Items.Select(e => (e.Status, string.Join(';', e.Tags))));
    }

    [Fact]
    public async Task A_blank_status_cell_keeps_the_status_and_an_empty_tags_cell_clears_the_tags()
    {
        await Upload(Csv(Row(First, "企业", status: "吊销")), Registrar, 200);

        var blank = Csv(Row(First, "企业", status: "").Replace(",食品经营;小微,", ",,", StringComparison.Ordinal));
        var summary = await (await Upload(blank, Registrar, 200)).ReadAsJsonAsync<ImportSummary>();
        Assert.Equal(new ImportSummary(1, 0, 1, 0, 1), summary);

        var entity = await fixture.Host.GetAsJson<EntityRevision>($"/api/entities/{First}", Registrar);
        Assert.Equal((EntityStatus.Revoked, 0), (entity!.Status, entity.Tags.Length));
        var history = await fixture.Host.GetAsJson<List<JsonElement>>($"/api/entities/{First}/history", Registrar);
        Assert.Equal(["entity_registered", "entity_details_updated"], history!.Select(h => h.GetProperty("type").GetString()));
    }

    [Fact]
    public async Task One_bad_line_rejects_the_file_naming_the_line_and_writes_nothing()
    {
        var badCode = First[..17] + (First[17] == '0' ? '1' : '0');
        var csv = Csv(Row(First, "企业"), Row(badCode, "企业"), Row(Second, "企业"), Row(Third, "农民专业合作社"));

        var result = await Upload(csv, Registrar, 400);
        var problem = await result.ReadAsJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal(2, problem.GetProperty("totalErrors").GetInt32());
        Assert.Equal((3, "uscc"), (errors[0].GetProperty("line").GetInt32(), errors[0].GetProperty("field").GetString()));
        Assert.Contains("check character 18", errors[0].GetProperty("reason").GetString());
        Assert.Equal((4, "type"), (errors[1].GetProperty("line").GetInt32(), errors[1].GetProperty("field").GetString()));
        Assert.Equal(0, await StreamCount());
    }

    [Fact]
    public async Task A_code_appearing_twice_rejects_the_file_naming_the_second_line_and_writes_nothing()
    {
        // The second copy of Second is padded: a code is taken exactly as read, so that line is refused for its white space.
        var csv = Csv(Row(First, "企业"), Row(Second, "个体工商户"), Row(First, "企业", name: "另一个名称"), Row(Third, "农民专业合作社"), Row($" {Second} ", "个体工商户"));

        var problem = await (await Upload(csv, Registrar, 400)).ReadAsJsonAsync<JsonElement>();
        Assert.Equal(2, problem.GetProperty("totalErrors").GetInt32());
        var errors = problem.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("line").GetInt32(), e.GetProperty("field").GetString(), e.GetProperty("reason").GetString()!))
            .ToList();
        Assert.Equal([(4, "uscc"), (6, "uscc")], errors.Select(e => (e.Item1, e.Item2)));
        Assert.Contains("duplicates line 2", errors[0].Item3, StringComparison.Ordinal);
        Assert.Contains("white space", errors[1].Item3, StringComparison.Ordinal);
        Assert.Equal(0, await StreamCount());
    }

    [Fact]
    public async Task A_row_changing_a_known_entity_s_registration_authority_rejects_the_file_with_400_on_its_line()
    {
        await Upload(Csv(Row(First, "企业")), Registrar, 200);

        var moved = Csv(Row(Second, "个体工商户"), Row(First, "企业").Replace("南明区市场监督管理局", "云岩区市场监督管理局", StringComparison.Ordinal));
        var problem = await (await Upload(moved, Registrar, 400)).ReadAsJsonAsync<JsonElement>();
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal((3, "uscc"), (error.GetProperty("line").GetInt32(), error.GetProperty("field").GetString()));
        Assert.Equal(1, await StreamCount());
    }

    [Fact]
    public async Task A_control_character_in_a_cell_rejects_the_file_naming_the_line_and_the_field()
    {
        var csv = Csv(Row(First, "企业"), Row(Second, "个体工商户", name: "示例\u0000"), Row(Third, "农民专业合作社").Replace("食品经营;小微", "食品经营;\u0001", StringComparison.Ordinal));

        var problem = await (await Upload(csv, Registrar, 400)).ReadAsJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("line").GetInt32(), e.GetProperty("field").GetString()));
        Assert.Equal([(3, "name"), (4, "tags")], errors);
        Assert.Equal(0, await StreamCount());
    }

    [Theory]
    [InlineData("uscc,name\n", 1, "type")]
    [InlineData("统一社会信用代码,名称,类型,管辖区划,登记机关,住所,行业代码,信用风险分类,法人\n", 1, "法人")]
    [InlineData("", 1, "")]
    public async Task A_file_without_the_columns_is_rejected_at_line_one(string csv, int line, string field)
    {
        var problem = await (await Upload(csv, Registrar, 400)).ReadAsJsonAsync<JsonElement>();
        var error = problem.GetProperty("errors")[0];
        Assert.Equal((line, field), (error.GetProperty("line").GetInt32(), error.GetProperty("field").GetString()));
    }

    [Fact]
    public async Task A_row_outside_the_jurisdiction_forbids_the_whole_file()
    {
        await Upload(Csv(Row(First, "企业")), fixture.Token(Role.Registrar, "520103"), 403);
        Assert.Equal(0, await StreamCount());
    }

    [Fact]
    public async Task The_bulk_path_writes_exactly_what_the_ordinary_path_writes()
    {
        var input = new EntityInput(First, "示例", "企业", "520102", "南明区市场监督管理局", "示例路1号,A座", "F5211", "C", ["小微", "食品经营"], "存续");
        await fixture.Host.Scenario(s =>
        {
            s.Post.Json(input).ToUrl("/api/entities");
            s.As(Registrar);
            s.StatusCodeShouldBe(HttpStatusCode.Created);
        });
        var ordinary = await Snapshot();

        await fixture.ResetAsync();
        await Upload(Csv(Row(First, "企业")), Registrar, 200);
        var bulk = await Snapshot();

        Assert.Contains("entity_registered", ordinary, StringComparison.Ordinal);
        Assert.Equal(ordinary, bulk);
    }

    [Fact]
    public async Task An_entity_registered_by_another_request_during_the_import_fails_the_whole_file_with_409()
    {
        var problem = await ImportWhileAnotherWriterAppendsAsync(
            Csv(Row(First, "企业"), Row(Second, "个体工商户")),
            session => session.Events.StartStream(Ledger.StreamKeys.Entity(Second), [.. EntityDecisions.Register(IndividualBusiness(Second, "别的名称"), null, Nanming, Now)]));

        Assert.Equal("uscc", problem.GetProperty("field").GetString());
        Assert.Equal(1, await StreamCount());
        var second = await fixture.Host.GetAsJson<EntityRevision>($"/api/entities/{Second}", Registrar);
        Assert.Equal("别的名称", second!.Name);
    }

    [Fact]
    public async Task A_known_entity_changed_during_the_import_fails_the_whole_file_and_none_of_its_new_entities_are_written()
    {
        await Upload(Csv(Row(Third, "农民专业合作社")), Registrar, 200);

        await ImportWhileAnotherWriterAppendsAsync(
            Csv(Row(First, "企业"), Row(Second, "个体工商户"), Row(Third, "农民专业合作社", name: "导入的名称")),
            session => session.Events.Append(
                Ledger.StreamKeys.Entity(Third),
                new EntityStatusChanged(Third, EntityStatus.Revoked, "吊销", Nanming.Id, Now)));

        Assert.Equal(1, await StreamCount());
        var history = await fixture.Host.GetAsJson<List<JsonElement>>($"/api/entities/{Third}/history", Registrar);
        Assert.Equal(["entity_registered", "entity_status_changed"], history!.Select(h => h.GetProperty("type").GetString()));

        // Marten fills the positions the failed import had drawn with empty rows of its own, after the fact; they are
        // not ledger events: the log neither takes nor refuses them, and the ledger verifies intact.
        await using var fillers = fixture.Host.Services.GetRequiredService<NpgsqlDataSource>().CreateCommand(
            $"select count(*) from {fixture.Schema}.mt_events e where {StoredEvent.GapFillerCondition}");
        for (var attempt = 0; (long)(await fillers.ExecuteScalarAsync())! == 0; attempt++)
        {
            Assert.True(attempt < 500, "Marten wrote no gap filler for the failed import");
            await Task.Delay(20);
        }
        var integration = await fixture.Host.Services.GetRequiredService<LedgerLog>().IntegrateAsync(CancellationToken.None);
        Assert.Equal(0, integration.Refused);
        var report = await fixture.Host.GetAsJson<LedgerReport>("/api/ledger/verify", fixture.Token(Role.Auditor));
        Assert.Empty(report!.Findings);
        Assert.Equal(2, report.Events);
    }

    private static readonly Actor Nanming = new("registrar-nanming", Role.Registrar, DivisionCode.Parse("520102"));
    private static readonly Instant Now = Instant.FromUtc(2021, 3, 1, 9, 0);

    private static EntityInput IndividualBusiness(string uscc, string name) =>
        new(uscc, name, "个体工商户", "520102", "南明区市场监督管理局", "示例路1号", "F5211", "C", [], "存续");

    /// <summary>
    /// Uploads <paramref name="csv"/> while a transaction of the test holds the stream table, so that the import stops at
    /// its first write after reading the directory; appends <paramref name="meanwhile"/>'s events in that transaction
    /// and commits, letting the import go on. The import must then fail with 409; returns its problem details.
    /// </summary>
    private async Task<JsonElement> ImportWhileAnotherWriterAppendsAsync(string csv, Action<IDocumentSession> meanwhile)
    {
        var store = fixture.Host.Services.GetRequiredService<IDocumentStore>();
        await using var connection = await fixture.Host.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var hold = new NpgsqlCommand($"lock table {fixture.Schema}.mt_streams in share mode", connection, transaction))
        {
            await hold.ExecuteNonQueryAsync();
        }

        var import = Upload(csv, Registrar, 409);
        await fixture.WaitUntilAsync("the import waiting to write its streams", $"wait_event_type = 'Lock' and query like 'copy {fixture.Schema}.mt_streams %'");
        await using (var session = store.LightweightSession(Marten.Services.SessionOptions.ForTransaction(transaction)))
        {
            meanwhile(session);
            await session.SaveChangesAsync();
        }

        await transaction.CommitAsync();
        return await (await import).ReadAsJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task Existing_enterprises_are_counted_per_jurisdiction_as_the_sampling_base()
    {
        var yunyan = Uscc.Complete("91520103MA6DKX04").Value;
        var city = fixture.Token(Role.Registrar, "520100");
        await Upload(Csv(Row(First, "企业"), Row(Second, "个体工商户"), Row(Third, "农民专业合作社"), Row(Uscc.Complete("91520102MA6DKX05").Value, "企业", status: "注销")), city, 200);
        await Upload(Csv(Row(yunyan, "企业").Replace(",520102,", ",520103,", StringComparison.Ordinal)), city, 200);

        var counts = await fixture.Host.GetAsJson<List<ExistingEnterprises>>("/api/statistics/existing-enterprises", Registrar);
        Assert.Equal([new ExistingEnterprises("520100", 2, Total: true), new ExistingEnterprises("520102", 1), new ExistingEnterprises("520103", 1)], counts);
    }

    /// <summary>
    /// The entity's rows as PostgreSQL holds them — its stream, its events (data, type, headers with the chain) and its
    /// revision (document and every duplicated column) — without what differs between any two writes: ledger
    /// positions, event ids, document versions and the moments of writing.
    /// </summary>
    private async Task<string> Snapshot()
    {
        var schema = fixture.Schema;
        var key = Ledger.StreamKeys.Entity(First);
        await using var command = fixture.Host.Services.GetRequiredService<NpgsqlDataSource>().CreateCommand($"""
            select jsonb_build_object(
              'stream', (select to_jsonb(s) - 'timestamp' - 'created' from {schema}.mt_streams s where s.id = $1),
              'events', (select jsonb_agg(to_jsonb(e) - 'seq_id' - 'id' - 'timestamp' order by e.version)
                         from {schema}.mt_events e where e.stream_id = $1),
              'revisions', (select jsonb_agg((to_jsonb(r) - 'mt_version' - 'mt_last_modified' - 'from_sequence')
                                             || jsonb_build_object('data', r.data - 'FromSequence') order by r.id)
                            from {schema}.mt_doc_entityrevision r where r.uscc = $2))::text
            """);
        command.Parameters.AddWithValue(key);
        command.Parameters.AddWithValue(First);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
