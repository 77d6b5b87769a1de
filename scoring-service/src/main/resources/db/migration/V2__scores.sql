-- Cycles as workflow opened them (CycleOpened), with their units and categories.
create table cycle (
    cycle_id          text primary key,
    year              integer not null,
    title             text not null,
    rubric_version_id text not null,
    opened_by         text,
    opened_at         timestamp with time zone,
    received_at       timestamp with time zone not null default now()
);

-- frozen: the unit's final scores were approved (GradesApproved) and no decision may change
-- them until the office reopens the approval.
create table cycle_unit (
    cycle_id  text    not null references cycle,
    unit_code text    not null,
    unit_name text    not null,
    category  text    not null,
    position  integer not null,
    frozen    boolean not null default false,
    primary key (cycle_id, unit_code)
);

-- The items a unit is assessed on in a published rubric version (rubric-service's UnitItems),
-- cached: a published version never changes.
create table unit_items (
    version_id text not null,
    unit_code  text not null,
    body       jsonb not null,
    fetched_at timestamp with time zone not null default now(),
    primary key (version_id, unit_code)
);

-- The latest self-assessment per unit and period (SelfAssessmentSubmitted; a higher version
-- of a submission replaces the lower one).
create table self_assessment (
    cycle_id      text    not null,
    unit_code     text    not null,
    period        text    not null,
    submission_id text    not null,
    version       integer not null,
    submitted_at  timestamp with time zone not null,
    signed_off_by text,
    items         jsonb   not null,
    received_at   timestamp with time zone not null default now(),
    primary key (cycle_id, unit_code, period)
);

-- Decisions of assessing departments and inspectors: append-only. A correction is a new row
-- that supersedes an older one (at most once: the unique constraint).
create table decision (
    id                uuid primary key,
    seq               bigint generated always as identity unique,
    cycle_id          text not null,
    unit_code         text not null,
    item_code         text not null,
    kind              text not null check (kind in ('DEDUCTION', 'BONUS', 'MEASUREMENT', 'JUDGED', 'WITHDRAWAL')),
    amount            numeric(9, 2),
    quantity          numeric(12, 2),
    measure           text,
    measured          jsonb,
    score             numeric(9, 2),
    adjustment_item   text,
    reason            text not null check (btrim(reason) <> ''),
    source            text,
    decided_on        date,
    evidence_refs     text[] not null default '{}',
    decided_by        text not null,
    acting_as         text not null,
    supersedes        uuid unique references decision,
    recorded_at       timestamp with time zone not null default now(),
    foreign key (cycle_id, unit_code) references cycle_unit
);
create index decision_by_item on decision (cycle_id, unit_code, item_code);

create function decision_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'decisions are append-only: record a new decision that supersedes this one';
end $$;
create trigger decision_append_only before update or delete on decision
    for each row execute function decision_is_append_only();

-- One row per (cycle, unit, applicable item): the three layers and why. top_level_code and
-- points are copied from the unit's items so totals are plain aggregates.
create table item_score (
    cycle_id       text not null,
    unit_code      text not null,
    item_code      text not null,
    top_level_code text not null,
    points         numeric(9, 2) not null,
    self_score     numeric(9, 2),
    reviewed_score numeric(9, 2),
    final_score    numeric(9, 2),
    explanation    text,
    deductions     jsonb not null default '[]',
    primary key (cycle_id, unit_code, item_code)
);

create table grading_scheme (
    cycle_id   text primary key references cycle,
    scheme     jsonb not null,
    updated_by text  not null,
    updated_at timestamp with time zone not null default now()
);

create table grade_proposal (
    id          uuid primary key,
    cycle_id    text  not null references cycle,
    scheme      jsonb not null,
    proposed_by text  not null,
    proposed_at timestamp with time zone not null,
    approved_by text,
    approved_at timestamp with time zone
);

create table proposed_grade (
    proposal_id uuid    not null references grade_proposal,
    unit_code   text    not null,
    category    text    not null,
    total       numeric(9, 2) not null,
    maximum     numeric(9, 2) not null,
    percent     numeric(7, 2) not null,
    rank        integer not null,
    band_grade  text    not null,
    grade       text    not null,
    note        text,
    primary key (proposal_id, unit_code)
);

-- The grade leaders approved, per unit.
create table final_grade (
    cycle_id    text not null,
    unit_code   text not null,
    grade       text not null,
    proposal_id uuid not null references grade_proposal,
    approved_by text not null,
    approved_at timestamp with time zone not null,
    primary key (cycle_id, unit_code),
    foreign key (cycle_id, unit_code) references cycle_unit
);

-- Approvals and reopenings, append-only: who, when, why.
create table approval_log (
    id          bigint generated always as identity primary key,
    cycle_id    text   not null references cycle,
    action      text   not null check (action in ('APPROVED', 'REOPENED')),
    unit_codes  text[] not null,
    proposal_id uuid,
    actor       text   not null,
    reason      text,
    occurred_at timestamp with time zone not null default now()
);
