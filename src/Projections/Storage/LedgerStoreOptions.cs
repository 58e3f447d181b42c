using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using FairDraw.Projections.Directories;
using FairDraw.Projections.Draws;
using FairDraw.Projections.Integrity;
using FairDraw.Projections.Items;
using FairDraw.Projections.Plans;
using FairDraw.Projections.Statistics;
using FairDraw.Projections.Results;
using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;
using Npgsql;
using NpgsqlTypes;
using Weasel.Postgresql;
using Weasel.Core;

namespace FairDraw.Projections.Storage;

/// <summary>The one place the Marten store of the ledger is configured (API host, CLI verbs, benchmarks and tests).</summary>
public static class LedgerStoreOptions
{
    /// <summary>Configures <paramref name="options"/> for the ledger in <paramref name="schema"/> of the database.</summary>
    public static void Configure(StoreOptions options, NpgsqlDataSource dataSource, string schema)
    {
        options.Connection(dataSource);
        options.DatabaseSchemaName = schema;
        options.Events.DatabaseSchemaName = schema;
        // The service's database role may not change the schema: only the owner's `migrate` applies it (LedgerDatabase).
        options.AutoCreateSchemaObjects = AutoCreate.None;

        options.UseSystemTextJsonForSerialization(
            enumStorage: EnumStorage.AsString,
            configure: json =>
            {
                json.ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);
                json.Converters.Add(new JsonStringEnumConverter());

                // Chinese text as UTF-8, not as \uXXXX escapes (the default encoder's): the jsonb columns store the same
                // values either way, and so do the ledger's canonical bytes (JCS decodes escapes), but the escaped form
                // is a third longer to write, send and parse. Characters that matter in HTML are still escaped.
                json.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);
            });

        // Streams are keyed by readable strings ("entity:9135…"); sequence numbers and versions are assigned before
        // commit (Rich mode) so inline projections see each event's ledger position.
        options.Events.StreamIdentity = StreamIdentity.AsString;
        options.Events.AppendMode = EventAppendMode.Rich;

        // Every appended event is sealed into its stream's hash chain (headers "prev" and "chain").
        options.Events.MetadataConfig.HeadersEnabled = true;
        options.Listeners.Add(new ChainingListener());

        // The revisions duplicate their columns in their own ConfigureMarten (Revision.Duplicate), for the bulk path.
        // Registered as documents so that their tables and indexes are made with the others at start-up (not on first
        // use), before LedgerSchema adds statistics on the entity table.
        options.Projections.Add(new EntityRevisionProjection(), ProjectionLifecycle.Inline);
        options.Projections.Add(new InspectorRevisionProjection(), ProjectionLifecycle.Inline);
        options.RegisterDocumentType<EntityRevision>();
        options.RegisterDocumentType<InspectorRevision>();

        options.Projections.Add(new ItemListViewProjection(), ProjectionLifecycle.Inline);
        options.Schema.For<ItemListView>()
            .Duplicate(x => x.Jurisdiction)
            .Duplicate(x => x.Published);

        options.Projections.Add(new PlanViewProjection(), ProjectionLifecycle.Inline);
        options.Schema.For<PlanView>()
            .Duplicate(x => x.Year)
            .Duplicate(x => x.Jurisdiction);

        options.Projections.Add(new TaskDrawViewProjection(), ProjectionLifecycle.Inline);
        options.Schema.For<TaskDrawView>()
            .Duplicate(x => x.Year)
            .Duplicate(x => x.Jurisdiction);

        options.Projections.Add(new ResultTallyProjection(), ProjectionLifecycle.Inline);
        options.Schema.For<ResultTallyView>()
            .Duplicate(x => x.Year)
            .Duplicate(x => x.Jurisdiction);
        // Inline, so that a result is public exactly when its publication is on the ledger; the two public reads look
        // it up by these indexed columns.
        options.Projections.Add(new PublishedResultViewProjection(), ProjectionLifecycle.Inline);
        options.Schema.For<PublishedResultView>()
            .Duplicate(x => x.TaskId)
            .Duplicate(x => x.EntityId);
    }

    /// <summary>
    /// Teaches Weasel (Marten's schema and parameter types) that an <see cref="Instant"/> is a <c>timestamptz</c>, so
    /// that documents can duplicate NodaTime instants into columns and LINQ compares them there; the data source's
    /// NodaTime plugin reads and writes the values.
    /// </summary>
    static LedgerStoreOptions() => PostgresqlProvider.Instance.RegisterMapping(typeof(Instant), "timestamp with time zone", NpgsqlDbType.TimestampTz);

    /// <summary>A data source for <paramref name="connectionString"/> with NodaTime type mapping.</summary>
    public static NpgsqlDataSource CreateDataSource(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.UseNodaTime();
        return builder.Build();
    }
}
