-- A version is either an indicator system (a tree, RubricSnapshot) or per-unit targets (UnitTargets, seed 001).
alter table rubric_version add column kind text not null default 'SYSTEM' check (kind in ('SYSTEM', 'UNIT_TARGETS'));
-- The exact canonical JSON that was published and hashed: served byte for byte to consumers.
alter table rubric_version add column published_content text;
alter table rubric_version add column copied_from uuid references rubric_version (id);

-- What changed, as a structured diff, next to the readable detail.
alter table rubric_history add column changes jsonb;

-- History is append-only: no row is ever changed or removed.
create function refuse_history_change() returns trigger language plpgsql as $$
begin
    raise exception '% is append-only', tg_table_name;
end
$$;
create trigger rubric_history_append_only before update or delete on rubric_history
    for each row execute function refuse_history_change();

-- The office's explicit acceptance that a node's points do not add up because the source document
-- itself does not (a documented conversion note of the draft says so). Never for any other problem.
create table rubric_acknowledgement (
    version_id      uuid not null references rubric_version (id),
    node_code       text not null,
    conversion_note integer not null,
    acknowledged_by text not null,
    acknowledged_at timestamp with time zone not null default now(),
    primary key (version_id, node_code)
);

-- The roster: unit categories, assessing departments (考核单位) and assessed units (被考核单位).
create table unit_category (
    code     text primary key,
    name     text not null,
    position integer not null
);

create table assessing_department (
    code     text primary key,
    name     text not null,
    position integer not null
);

create table unit (
    code     text primary key,
    name     text not null,
    category text not null references unit_category (code),
    parent   text references unit (code),
    position integer not null
);
create index unit_by_category on unit (category);

create table roster_history (
    id          bigint generated always as identity primary key,
    occurred_at timestamp with time zone not null default now(),
    actor       text not null,
    action      text not null,
    kind        text not null,
    code        text not null,
    detail      jsonb
);
create trigger roster_history_append_only before update or delete on roster_history
    for each row execute function refuse_history_change();
