-- Cycles the office opened, and their units (the roster snapshot the cycle runs on).
create table cycle (
    cycle_id            text primary key,
    year                integer not null,
    title               text not null,
    rubric_version_id   text not null,
    process_instance_id text not null,
    calendar            jsonb not null,
    compressed          boolean not null,
    seconds_per_day     double precision not null,
    opened_by           text not null,
    opened_at           timestamp with time zone not null
);
create table cycle_unit (
    cycle_id  text not null references cycle (cycle_id),
    unit_code text not null,
    unit_name text not null,
    category  text not null,
    primary key (cycle_id, unit_code)
);

-- Rubric versions rubric-service published (RubricPublished): a cycle opens only on one of these.
create table published_rubric (
    version_id   text primary key,
    system_code  text not null,
    year         integer not null,
    title        text not null,
    published_at timestamp with time zone not null
);

-- The inbox: a task's saved form (not yet submitted), and what people did with tasks.
create table task_draft (
    task_id  text primary key,
    form     jsonb not null,
    saved_by text not null,
    saved_at timestamp with time zone not null default now()
);
create table task_event (
    id                  bigint generated always as identity primary key,
    task_id             text not null,
    process_instance_id text,
    task_type           text,
    actor               text not null,
    action              text not null,
    detail              text,
    occurred_at         timestamp with time zone not null default now()
);
create index task_event_by_task on task_event (task_id, occurred_at);

-- Events no process waited for yet (e.g. a submission before its quarter opened), tried again later.
create table pending_event (
    event_id     text not null,
    consumer     text not null,
    event_type   text not null,
    business_key text,
    message      text not null,
    attempts     integer not null default 0,
    received_at  timestamp with time zone not null default now(),
    last_tried_at timestamp with time zone,
    primary key (consumer, event_id)
);

-- Inspection findings already recorded as decisions in scoring-service (the sending job may run twice).
create table finding_decision (
    finding_key text primary key,
    decision_id text not null,
    recorded_at timestamp with time zone not null default now()
);

-- What the leader looks at: the proposals (GradesProposed) and the units' score layers (ScoresComputed).
create table proposed_grade (
    proposal_id text not null,
    cycle_id    text not null,
    unit_code   text not null,
    unit_name   text,
    category    text not null,
    total       numeric(12, 2),
    maximum     numeric(12, 2),
    percent     numeric(7, 2),
    rank        integer,
    band_grade  text,
    grade       text not null,
    note        text,
    proposed_by text not null,
    proposed_at timestamp with time zone not null,
    primary key (proposal_id, unit_code)
);
create index proposed_grade_by_cycle on proposed_grade (cycle_id, proposed_at);
create table unit_score (
    cycle_id       text not null,
    unit_code      text not null,
    category       text,
    maximum        numeric(12, 2),
    self_total     numeric(12, 2),
    reviewed_total numeric(12, 2),
    final_total    numeric(12, 2),
    trigger        text not null,
    computed_at    timestamp with time zone not null,
    primary key (cycle_id, unit_code)
);

-- Units whose grades a leader approved (GradesApproved sent): the next approval of their category skips them.
create table approved_unit (
    cycle_id    text not null,
    unit_code   text not null,
    proposal_id text not null,
    approved_by text not null,
    approved_at timestamp with time zone not null default now(),
    primary key (cycle_id, unit_code)
);
