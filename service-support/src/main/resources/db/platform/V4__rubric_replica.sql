-- One replica of rubric-service's published data in every service that works against it
-- (evidence, scoring; empty elsewhere). Published versions never change, so rows are only added.

-- The versions RubricPublished announced.
create table replica_rubric_version (
    version_id    uuid primary key,
    system_code   text not null,
    year          integer not null,
    title         text not null,
    leaf_count    integer not null,
    total_points  numeric(9, 2) not null,
    content_hash  text not null,
    snapshot_path text not null,
    published_at  timestamp with time zone not null,
    received_at   timestamp with time zone not null default now()
);

-- The items one unit is assessed on in one version, as rubric-service served them (UnitItems).
create table replica_unit (
    rubric_version_id text not null,
    unit_code         text not null,
    unit_name         text,
    category          text,
    maximum           numeric not null, -- as served: no scale imposed
    fetched_at        timestamp with time zone not null default now(),
    primary key (rubric_version_id, unit_code)
);

create table replica_unit_item (
    rubric_version_id     text not null,
    unit_code             text not null,
    item_code             text not null,
    position              integer not null,
    title                 text not null,
    path                  jsonb not null,
    top_level_code        text,
    top_level_title       text,
    points                numeric not null,
    rule                  jsonb,
    assessing_departments text[] not null,
    deadline              text,
    accepted_evidence     text,
    primary key (rubric_version_id, unit_code, item_code),
    foreign key (rubric_version_id, unit_code) references replica_unit
);
-- Evidence decides a department's access by the items it assesses.
create index replica_unit_item_by_department on replica_unit_item using gin (assessing_departments);
