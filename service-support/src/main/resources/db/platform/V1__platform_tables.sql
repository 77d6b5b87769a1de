-- Tables every service has, migrated under their own history table (flyway_platform_history)
-- so they never collide with a service's own migration versions.

-- Spring Modulith's event publication registry: the transactional outbox.
create table if not exists event_publication (
    id               uuid primary key,
    listener_id      text not null,
    event_type       text not null,
    serialized_event text not null,
    publication_date timestamp with time zone not null,
    completion_date  timestamp with time zone
);
create index if not exists event_publication_serialized_event_hash_idx on event_publication using hash (serialized_event);
create index if not exists event_publication_by_completion_date_idx on event_publication (completion_date);

-- Events a consumer has already applied: a redelivery finds its row and has no second effect.
create table processed_event (
    consumer     text not null,
    event_id     text not null,
    event_type   text not null,
    processed_at timestamp with time zone not null default now(),
    primary key (consumer, event_id)
);

-- Append-only record of refused access: who tried what, and why it was refused.
create table security_audit (
    id          bigint generated always as identity primary key,
    occurred_at timestamp with time zone not null default now(),
    username    text,
    roles       text,
    method      text not null,
    path        text not null,
    outcome     integer not null,
    reason      text not null
);
create index security_audit_by_time on security_audit (occurred_at);
