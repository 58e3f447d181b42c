using Npgsql;

namespace FairDraw.Projections.Integrity;

/// <summary>
/// The tables kept beside Marten's: the Merkle log and its complete subtrees, the rows it refused to log, its checkpoints (with the tree's compact
/// range at each) and their witnesses' cosignatures, the kept copies of frozen entity pools
/// and which round's pool held which entity (<see cref="Draws.FrozenPoolCopies"/>) and the results' evidence files (<see cref="Storage.AttachmentFiles"/>); the function behind
/// <see cref="Draws.EntityPoolReader.SettledPositionAsync"/> and the check of <see cref="ChainingListener"/>; and the
/// append-only guard over <see cref="AppendOnlyTables"/>: row triggers that refuse UPDATE and DELETE whoever the database
/// user is, and the application role's grants (<see cref="GrantAsync"/>), which leave it no UPDATE, DELETE or TRUNCATE
/// there (defence in depth; the proof is the hashes). Also statistics on the entity list's filters that live inside the
/// document (type, status, risk class, industry): without them the planner guesses such a filter keeps 0.5% of the rows
/// and sorts every match instead of walking the code index. Idempotent; run by the schema's owner (the <c>migrate</c>
/// verb) after Marten has created its own tables.
/// </summary>
public static class LedgerSchema
{
    /// <summary>
    /// The ledger's append-only tables, the one list both the triggers and the application role's grants come from: a
    /// table added here is guarded and granted only INSERT and SELECT.
    /// </summary>
    public static readonly IReadOnlyList<string> AppendOnlyTables =
        ["mt_events", "ledger_log", "ledger_nodes", "ledger_refused", "ledger_checkpoints", "ledger_cosignatures",
         "entity_pool_copy_parts", "entity_pool_members", "attachment_files"];

    public static async Task EnsureAsync(NpgsqlDataSource dataSource, string schema, CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand($"""
            create table if not exists {schema}.ledger_log (
                leaf_index bigint primary key,
                seq_id bigint not null unique,
                stream_key text not null,
                version bigint not null,
                leaf_hash bytea not null,
                late boolean not null default false,
                integrated_at timestamptz not null default now());
            -- The log's complete subtrees above the leaves (LedgerNodes), written with the leaves that complete them: proofs
            -- read O(log n) of them. Not trusted by any check: a wrong row gives a proof that fails against the signed root.
            create table if not exists {schema}.ledger_nodes (
                level integer not null,
                node_index bigint not null,
                hash bytea not null,
                primary key (level, node_index));
            create table if not exists {schema}.ledger_refused (
                seq_id bigint primary key,
                reason text not null,
                refused_at timestamptz not null default now());
            create table if not exists {schema}.ledger_checkpoints (
                tree_size bigint primary key,
                root_hash bytea not null,
                signed_note text not null,
                signed_at timestamptz not null default now());
            -- The tree's frontier at the checkpoint (MerkleAccumulator.CompactRange), so that the log resumes without
            -- reading every leaf; empty for checkpoints signed before it was kept.
            alter table {schema}.ledger_checkpoints add column if not exists compact_range bytea;
            -- Witness cosignature lines (c2sp.org/tlog-cosignature), each verified before it is stored (LedgerCosignatures).
            create table if not exists {schema}.ledger_cosignatures (
                tree_size bigint not null,
                witness text not null,
                line text not null,
                received_at timestamptz not null default now(),
                primary key (tree_size, witness, line));
            create table if not exists {schema}.entity_pool_copy_parts (
                sha256 text not null,
                part integer not null,
                bytes bytea compression lz4 not null,
                kept_at timestamptz not null default now(),
                primary key (sha256, part));
            -- Which round's frozen entity pool held which entity (FrozenPoolCopies.KeepMembersAsync), written with the freeze:
            -- the public per-entity proof finds an entity's rounds by this index (docs/architecture.md). Not unique: two
            -- concurrent freezes of one round both write their rows, and the one whose event loses rolls them back (409),
            -- where a unique key would make it fail on the rows first (500).
            create table if not exists {schema}.entity_pool_members (
                entity_id text not null,
                task_id text not null,
                round integer not null);
            create index if not exists entity_pool_members_entity on {schema}.entity_pool_members (entity_id, task_id, round);
            -- Evidence files of inspection results by their SHA-256 (Storage.AttachmentFiles); insert-only, as the ledger.
            create table if not exists {schema}.attachment_files (
                sha256 text primary key,
                size bigint not null,
                bytes bytea not null,
                stored_at timestamptz not null default now());
            create or replace function {schema}.ledger_settled_position(timeout_ms integer) returns bigint language plpgsql volatile as $$
            declare
                position bigint;
                since timestamptz;
                deadline timestamptz;
            begin
                select coalesce(max(seq_id), 0) into position from {schema}.mt_events;
                since := clock_timestamp();
                deadline := since + timeout_ms * interval '1 millisecond';
                loop
                    perform pg_stat_clear_snapshot();
                    if not exists (
                        select 1 from pg_stat_activity a
                        where a.datname = current_database() and a.backend_type = 'client backend'
                          and a.pid <> pg_backend_pid() and a.xact_start < since
                          and not (pg_backend_pid() = any (pg_blocking_pids(a.pid)))
                          and a.query not like '%ledger_settled_position%') then
                        return position;
                    end if;
                    if clock_timestamp() > deadline then
                        return null;
                    end if;
                    perform pg_sleep(0.01);
                end loop;
            end $$;
            create or replace function {schema}.ledger_require_positions_in_transaction() returns void language plpgsql as $$
            begin
                if not exists (select 1 from pg_locks where pid = pg_backend_pid() and locktype = 'relation'
                               and relation = '{schema}.mt_events_sequence'::regclass and granted) then
                    raise exception 'events were given ledger positions outside a transaction: save them with StreamAppend.SaveAsync'
                        using errcode = 'invalid_transaction_state';
                end if;
            end $$;
            -- The officials' dossiers seek events by their writer and their countersigner (DossierSubject.Official).
            create index if not exists mt_events_actor on {schema}.mt_events ((headers ->> 'actor'), seq_id);
            create index if not exists mt_events_approved_by on {schema}.mt_events ((data ->> 'ApprovedBy'), seq_id);
            create statistics if not exists {schema}.entity_revision_type on ((data ->> 'Type')) from {schema}.mt_doc_entityrevision;
            create statistics if not exists {schema}.entity_revision_status on ((data ->> 'Status')) from {schema}.mt_doc_entityrevision;
            create statistics if not exists {schema}.entity_revision_risk on ((data ->> 'RiskClass')) from {schema}.mt_doc_entityrevision;
            create statistics if not exists {schema}.entity_revision_industry on ((data ->> 'Industry')) from {schema}.mt_doc_entityrevision;
            create or replace function {schema}.ledger_refuse_change() returns trigger language plpgsql as $$
            begin
                raise exception 'the ledger is append-only: % on %.% refused', tg_op, tg_table_schema, tg_table_name
                    using errcode = 'insufficient_privilege';
            end $$;
            {string.Join('\n', AppendOnlyTables.Select(table =>
                $"create or replace trigger ledger_append_only before update or delete on {schema}.{table} " +
                $"for each row execute function {schema}.ledger_refuse_change();"))}
            """);
        await command.ExecuteNonQueryAsync(cancellation);
    }

    /// <summary>Whether the schema was applied: Marten's event table and the checkpoints this class adds exist.</summary>
    public static async Task<bool> AppliedAsync(NpgsqlDataSource dataSource, string schema, CancellationToken cancellation)
    {
        await using var probe = dataSource.CreateCommand(
            $"select to_regclass('{schema}.mt_events') is not null and to_regclass('{schema}.ledger_checkpoints') is not null");
        return await probe.ExecuteScalarAsync(cancellation) is true;
    }

    /// <summary>
    /// Gives <paramref name="applicationRole"/> what the running service needs in <paramref name="schema"/> and no more:
    /// INSERT and SELECT on <see cref="AppendOnlyTables"/>; SELECT, INSERT, UPDATE and DELETE on every other table there
    /// (Marten's streams, documents and progress, Wolverine's envelopes and nodes); the sequences' next values. Every
    /// earlier grant to it in the schema is revoked first, so a table moved into the list loses its other rights. Run
    /// by the schema's owner after every table exists.
    /// </summary>
    public static async Task GrantAsync(
        NpgsqlDataSource dataSource, string schema, string applicationRole, CancellationToken cancellation)
    {
        var tables = new List<string>();
        await using (var list = dataSource.CreateCommand("select tablename from pg_tables where schemaname = $1 order by tablename"))
        {
            list.Parameters.AddWithValue(schema);
            await using var reader = await list.ExecuteReaderAsync(cancellation);
            while (await reader.ReadAsync(cancellation))
            {
                tables.Add(reader.GetString(0));
            }
        }

        var role = QuoteIdentifier(applicationRole);
        var appendOnly = tables.Where(AppendOnlyTables.Contains).ToList();
        var others = tables.Except(AppendOnlyTables).ToList();
        string Qualified(IEnumerable<string> names) => string.Join(", ", names.Select(name => $"{schema}.{QuoteIdentifier(name)}"));
        await using var grant = dataSource.CreateCommand($"""
            revoke all on all tables in schema {schema} from {role};
            revoke all on all sequences in schema {schema} from {role};
            grant usage on schema {schema} to {role};
            grant usage, select on all sequences in schema {schema} to {role};
            {(appendOnly.Count > 0 ? $"grant select, insert on {Qualified(appendOnly)} to {role};" : "")}
            {(others.Count > 0 ? $"grant select, insert, update, delete on {Qualified(others)} to {role};" : "")}
            """);
        await grant.ExecuteNonQueryAsync(cancellation);
    }

    private static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
