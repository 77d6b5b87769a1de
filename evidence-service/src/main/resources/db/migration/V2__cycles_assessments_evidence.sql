-- Cycles as workflow opened them (CycleOpened): their units and reporting calendar.
create table cycle (
    cycle_id          text primary key,
    year              integer not null,
    title             text not null,
    rubric_version_id text not null,
    opened_by         text,
    opened_at         timestamp with time zone not null,
    received_at       timestamp with time zone not null default now()
);

create table cycle_unit (
    cycle_id  text not null references cycle,
    unit_code text not null,
    unit_name text not null,
    category  text,
    primary key (cycle_id, unit_code)
);

create table cycle_period (
    cycle_id text not null references cycle,
    period   text not null,
    opens    date,
    due      date not null,
    primary key (cycle_id, period)
);

-- The items one unit is assessed on in one published rubric version, as rubric-service served
-- them. Published versions are immutable, so this copy never goes stale.
create table unit_item_set (
    rubric_version_id text not null,
    unit_code         text not null,
    unit_name         text,
    category          text,
    maximum           numeric(9, 2) not null,
    fetched_at        timestamp with time zone not null default now(),
    primary key (rubric_version_id, unit_code)
);

create table unit_item (
    rubric_version_id     text not null,
    unit_code             text not null,
    item_code             text not null,
    position              integer not null,
    title                 text not null,
    path                  jsonb not null,
    top_level_code        text,
    top_level_title       text,
    points                numeric(9, 2) not null,
    rule                  jsonb,
    assessing_departments text[] not null,
    deadline              text,
    accepted_evidence     text,
    primary key (rubric_version_id, unit_code, item_code),
    foreign key (rubric_version_id, unit_code) references unit_item_set
);
create index unit_item_by_department on unit_item using gin (assessing_departments);

-- One unit's self-assessment for one period of a cycle. The lines are the editable draft;
-- every sign-off freezes them into a submission_version. draft_version guards concurrent edits.
create table self_assessment (
    id                     uuid primary key,
    cycle_id               text not null,
    period                 text not null,
    unit_code              text not null,
    rubric_version_id      text not null,
    status                 text not null check (status in ('DRAFT', 'AWAITING_SIGN_OFF', 'SUBMITTED', 'RETURNED')),
    draft_version          integer not null default 1,
    submitted_version      integer not null default 0,
    prepared_by            text,
    prepared_at            timestamp with time zone,
    opened_by              text not null,
    opened_at              timestamp with time zone not null default now(),
    updated_by             text not null,
    updated_at             timestamp with time zone not null default now(),
    unique (cycle_id, period, unit_code),
    foreign key (cycle_id, period) references cycle_period,
    foreign key (cycle_id, unit_code) references cycle_unit,
    foreign key (rubric_version_id, unit_code) references unit_item_set
);

create table assessment_line (
    assessment_id uuid not null references self_assessment,
    item_code     text not null,
    self_score    numeric(9, 2),
    measured      jsonb not null default '{}',
    statement     text,
    -- NOT_SUBMITTED until the first sign-off; then PENDING review, ACCEPTED or RETURNED.
    review_status text not null default 'NOT_SUBMITTED'
        check (review_status in ('NOT_SUBMITTED', 'PENDING', 'ACCEPTED', 'RETURNED')),
    primary key (assessment_id, item_code)
);

-- Immutable history: what the unit head signed off, version by version.
create table submission_version (
    assessment_id uuid not null references self_assessment,
    version       integer not null,
    prepared_by   text not null,
    signed_off_by text not null,
    submitted_at  timestamp with time zone not null,
    late          boolean not null,
    primary key (assessment_id, version)
);

create table submission_item (
    assessment_id uuid not null,
    version       integer not null,
    item_code     text not null,
    self_score    numeric(9, 2) not null,
    measured      jsonb not null,
    statement     text,
    -- [{"evidenceId": …, "version": …, "fileName": …, "sha256": …}] as attached at sign-off
    evidence      jsonb not null,
    primary key (assessment_id, version, item_code),
    foreign key (assessment_id, version) references submission_version
);

-- One decision per item of a submitted version: accepted, or returned for more (退回补充).
create table item_review (
    assessment_id       uuid not null,
    version             integer not null,
    item_code           text not null,
    decision            text not null check (decision in ('ACCEPTED', 'RETURNED')),
    comment             text,
    reviewed_by         text not null,
    reviewer_role       text not null,
    reviewer_department text,
    reviewed_at         timestamp with time zone not null,
    primary key (assessment_id, version, item_code),
    foreign key (assessment_id, version, item_code) references submission_item
);

-- Bytes stored once per content (SHA-256), under a key the server chose.
create table evidence_blob (
    sha256       text primary key,
    storage_key  text not null unique,
    size         bigint not null,
    content_type text not null,
    stored_at    timestamp with time zone not null default now(),
    text_status  text not null default 'PENDING' check (text_status in ('PENDING', 'DONE', 'SKIPPED', 'FAILED')),
    text_content text
);
create index evidence_blob_text_pending on evidence_blob (stored_at) where text_status = 'PENDING';

-- An evidence file of a unit; its versions are immutable, withdrawal is recorded, bytes kept.
create table evidence_file (
    id                uuid primary key,
    unit_code         text not null,
    cycle_id          text not null references cycle,
    period            text,
    current_version   integer not null,
    created_by        text not null,
    created_at        timestamp with time zone not null default now(),
    withdrawn_at      timestamp with time zone,
    withdrawn_by      text,
    withdrawal_reason text,
    foreign key (cycle_id, unit_code) references cycle_unit
);
create index evidence_file_by_unit on evidence_file (unit_code, cycle_id);

create table evidence_version (
    evidence_id   uuid not null references evidence_file,
    version       integer not null,
    sha256        text not null references evidence_blob,
    file_name     text not null,
    evidence_date date not null,
    expires_on    date,
    item_codes    text[] not null,
    uploaded_by   text not null,
    uploaded_at   timestamp with time zone not null default now(),
    primary key (evidence_id, version)
);
create index evidence_version_by_items on evidence_version using gin (item_codes);
