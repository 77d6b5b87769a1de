-- A version of an indicator system (指标体系): a draft the office edits, then published and immutable.
create table rubric_version (
    id            uuid primary key,
    system_code   text not null,
    number        integer not null,
    year          integer not null,
    title         text not null,
    status        text not null check (status in ('DRAFT', 'PUBLISHED')),
    content       jsonb not null,
    content_hash  text,
    leaf_count    integer not null,
    total_points  numeric(9, 2) not null,
    revision      integer not null default 0,
    created_by    text not null,
    created_at    timestamp with time zone not null default now(),
    published_by  text,
    published_at  timestamp with time zone,
    unique (system_code, number),
    check ((status = 'PUBLISHED') = (published_at is not null))
);

-- Append-only history of every change: who, when, what.
create table rubric_history (
    id          bigint generated always as identity primary key,
    version_id  uuid not null references rubric_version (id),
    occurred_at timestamp with time zone not null default now(),
    actor       text not null,
    action      text not null,
    detail      text
);
create index rubric_history_by_version on rubric_history (version_id, occurred_at);
