-- Rubric versions this service has been told about (RubricPublished), kept to work against.
create table known_rubric_version (
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
