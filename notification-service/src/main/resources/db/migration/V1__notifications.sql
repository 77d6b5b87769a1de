-- What happened, for whom: one row per event and audience. An audience is a candidate group of the
-- inbox ("unit-reporter:bz-sjw", "office-admin") or one person ("user:reporter.sjw"). The text is
-- rendered when read, in the reader's language, from the kind and its parameters.
create table notification (
    id            uuid primary key,
    event_id      text not null,
    event_type    text not null,
    kind          text not null,
    audience      text not null,
    cycle_id      text,
    unit_code     text,
    task_id       text,
    link          text,
    params        jsonb not null,
    occurred_at   timestamp with time zone not null,
    created_at    timestamp with time zone not null default now(),
    -- When the audience was resolved to people and their deliveries planned (null: not yet).
    fanned_out_at timestamp with time zone,
    unique (event_id, audience)
);
create index notification_by_audience on notification (audience, occurred_at desc);
create index notification_to_fan_out on notification (created_at) where fanned_out_at is null;

-- Who has read what: per person and event (a person may be in several of an event's audiences).
create table notification_read (
    event_id text not null,
    username text not null,
    read_at  timestamp with time zone not null default now(),
    primary key (event_id, username)
);

-- One send of one event to one person on one channel: never twice (unique), retried with back-off.
-- State: PENDING → SENT | RETRYING | FAILED; RETRYING → SENT | RETRYING | FAILED; HELD (for the daily
-- digest) → SENT | HELD | FAILED. IN_APP rows are SENT when planned: they record who was told.
create table delivery (
    id              bigint generated always as identity primary key,
    event_id        text not null,
    notification_id uuid not null references notification (id),
    username        text not null,
    channel         text not null,
    address         text,
    language        text not null,
    state           text not null,
    attempts        integer not null default 0,
    next_attempt_at timestamp with time zone not null,
    last_error      text,
    created_at      timestamp with time zone not null default now(),
    sent_at         timestamp with time zone,
    unique (event_id, username, channel)
);
create index delivery_due on delivery (next_attempt_at) where state in ('PENDING', 'RETRYING', 'HELD');
create index delivery_by_time on delivery (created_at desc);

-- A person's choices; a person without a row gets the defaults (email on, no webhook, no quiet hours,
-- single messages, 简体中文).
create table preference (
    username        text primary key,
    email_enabled   boolean not null default true,
    webhook_enabled boolean not null default false,
    webhook_url     text,
    webhook_format  text not null default 'GENERIC',
    quiet_start     time,
    quiet_end       time,
    digest          boolean not null default false,
    digest_at       time not null default '08:00',
    language        text not null default 'zh-CN',
    updated_at      timestamp with time zone not null default now()
);

-- The cycles and their units as workflow opened them: names for the texts, units for a publication.
create table cycle (
    cycle_id text primary key,
    title    text not null
);
create table cycle_unit (
    cycle_id  text not null references cycle (cycle_id),
    unit_code text not null,
    unit_name text,
    primary key (cycle_id, unit_code)
);
