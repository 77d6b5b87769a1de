-- The audit trail (等保 level 3, issue 15): every service's records and Keycloak's events, appended to one
-- SM3 hash chain. Append-only in fact: triggers refuse UPDATE, DELETE and TRUNCATE for every role, the owner
-- included; the only way out is audit_archive(), which removes records older than the retention period after
-- their archive's manifest is recorded. The service works as kaohe_audit_runtime, which may only INSERT and SELECT.

create table audit_record (
    seq              bigint primary key,
    event_id         text not null unique,
    source           text not null,
    category         text not null,
    outcome          text not null,
    status           integer,
    reason           text,
    username         text,
    roles            text,
    unit             text,
    department       text,
    inspection_units text,
    method           text,
    route            text,
    path             text,
    verb             text,
    object_type      text,
    object_id        text,
    cycle_id         text,
    unit_code        text,
    request_digest   text,
    request_bytes    bigint,
    before_state     text,
    after_state      text,
    before_digest    text,
    after_digest     text,
    client_address   text,
    forwarded_for    text,
    peer_address     text,
    trace_id         text,
    occurred_at      timestamp with time zone not null,
    recorded_at      timestamp with time zone not null,
    prev_digest      char(64) not null,
    digest           char(64) not null
);
create index audit_record_by_occurred on audit_record (occurred_at);
create index audit_record_by_recorded on audit_record (recorded_at);
create index audit_record_by_user on audit_record (username, occurred_at);
create index audit_record_by_unit on audit_record (unit_code, occurred_at);
create index audit_record_by_outcome on audit_record (outcome, occurred_at);

-- What an archive run moved out of the live table: the range, its first record's link and its head digest
-- (verification continues from there), and the archive file with its SM3.
create table archive_manifest (
    id                bigint generated always as identity primary key,
    first_seq         bigint not null,
    last_seq          bigint not null,
    record_count      bigint not null,
    first_prev_digest char(64) not null,
    head_digest       char(64) not null,
    file_name         text not null,
    file_sm3          char(64) not null,
    archived_at       timestamp with time zone not null default now(),
    unique (first_seq),
    unique (last_seq)
);

-- Each verification of the chain: what it covered and found. Earlier heads anchor later verifications:
-- a chain rewritten from some record on no longer matches the head an earlier run saw there.
create table verification_run (
    id             bigint generated always as identity primary key,
    started_at     timestamp with time zone not null,
    finished_at    timestamp with time zone not null,
    requested_by   text,
    intact         boolean not null,
    verified_count bigint not null,
    first_seq      bigint,
    last_seq       bigint,
    head_digest    char(64),
    problems       text not null
);

-- Where each periodic import from Keycloak stopped; claimed FOR UPDATE SKIP LOCKED, so one replica imports at a time.
create table import_cursor (
    name      text primary key,
    position  bigint not null,
    moved_at  timestamp with time zone not null default now()
);
insert into import_cursor (name, position) values ('keycloak-events', 0), ('keycloak-admin-events', 0);

create or replace function audit_refuse_change() returns trigger language plpgsql as $$
begin
    raise exception 'the audit trail is append-only: % on % refused', tg_op, tg_table_name
        using errcode = 'insufficient_privilege';
end
$$;

-- DELETE on audit_record only from inside audit_archive(), for records its manifest covers.
create or replace function audit_record_guard() returns trigger language plpgsql as $$
declare
    archiving text := current_setting('kaohe.audit.archiving', true);
begin
    if tg_op = 'DELETE' and archiving is not null and archiving <> ''
            and old.seq <= archiving::bigint
            and exists (select 1 from archive_manifest m where old.seq between m.first_seq and m.last_seq) then
        return old;
    end if;
    raise exception 'the audit trail is append-only: % on audit_record refused', tg_op
        using errcode = 'insufficient_privilege';
end
$$;

create trigger audit_record_append_only before update or delete on audit_record
    for each row execute function audit_record_guard();
create trigger audit_record_no_truncate before truncate on audit_record
    for each statement execute function audit_refuse_change();
create trigger archive_manifest_append_only before update or delete on archive_manifest
    for each statement execute function audit_refuse_change();
create trigger archive_manifest_no_truncate before truncate on archive_manifest
    for each statement execute function audit_refuse_change();
create trigger verification_run_append_only before update or delete on verification_run
    for each statement execute function audit_refuse_change();
create trigger verification_run_no_truncate before truncate on verification_run
    for each statement execute function audit_refuse_change();

-- The one way records leave the live table: the oldest ones, all older than the retention period (never less
-- than 180 days), after their archive file was written; the manifest is recorded in the same transaction.
create or replace function audit_archive(p_first bigint, p_last bigint, p_file text, p_file_sm3 text,
                                         p_retention interval) returns bigint
    language plpgsql security definer set search_path = public as $$
declare
    oldest   bigint;
    counted  bigint;
    first_prev char(64);
    head     char(64);
    manifest bigint;
begin
    if p_retention < interval '180 days' then
        raise exception 'audit records are kept at least 180 days, not %', p_retention;
    end if;
    select min(seq) into oldest from audit_record;
    if oldest is null or p_first <> oldest or p_last < p_first then
        raise exception 'an archive starts at the oldest live record (%), not at %..%', oldest, p_first, p_last;
    end if;
    select count(*) into counted from audit_record where seq between p_first and p_last;
    if counted <> p_last - p_first + 1 then
        raise exception 'records %..% are not all there (% of %)', p_first, p_last, counted, p_last - p_first + 1;
    end if;
    if exists (select 1 from audit_record where seq between p_first and p_last
                                           and recorded_at > now() - p_retention) then
        raise exception 'records %..% include some younger than %', p_first, p_last, p_retention;
    end if;
    select prev_digest into first_prev from audit_record where seq = p_first;
    select digest into head from audit_record where seq = p_last;
    insert into archive_manifest (first_seq, last_seq, record_count, first_prev_digest, head_digest, file_name, file_sm3)
    values (p_first, p_last, counted, first_prev, head, p_file, p_file_sm3)
    returning id into manifest;
    perform set_config('kaohe.audit.archiving', p_last::text, true);
    delete from audit_record where seq between p_first and p_last;
    perform set_config('kaohe.audit.archiving', '', true);
    return manifest;
end
$$;

-- The runtime role: reads and appends, nothing else (a non-superuser; created here when the migrating
-- role may create roles, otherwise by the operator: see docs/security/audit-trail.md).
do $$
begin
    if not exists (select 1 from pg_roles where rolname = 'kaohe_audit_runtime') then
        if exists (select 1 from pg_roles where rolname = current_user and (rolsuper or rolcreaterole)) then
            create role kaohe_audit_runtime nologin;
        else
            raise notice 'role kaohe_audit_runtime missing and % may not create it: the operator creates it', current_user;
            return;
        end if;
    end if;
    grant usage on schema public to kaohe_audit_runtime;
    grant select, insert on audit_record, archive_manifest, verification_run to kaohe_audit_runtime;
    revoke update, delete, truncate on audit_record, archive_manifest, verification_run from kaohe_audit_runtime;
    grant select, update on import_cursor to kaohe_audit_runtime;
    grant execute on function audit_archive(bigint, bigint, text, text, interval) to kaohe_audit_runtime;
    -- The tables every service has (outbox, processed events, ...), now and as later platform migrations add them.
    grant select, insert, update, delete on all tables in schema public to kaohe_audit_runtime;
    revoke update, delete, truncate on audit_record, archive_manifest, verification_run from kaohe_audit_runtime;
    grant usage, select on all sequences in schema public to kaohe_audit_runtime;
    alter default privileges in schema public grant select, insert, update, delete on tables to kaohe_audit_runtime;
    alter default privileges in schema public grant usage, select on sequences to kaohe_audit_runtime;
end
$$;
revoke execute on function audit_archive(bigint, bigint, text, text, interval) from public;
