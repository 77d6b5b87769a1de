-- Resumable uploads: a file sent in parts over several requests, each part kept in the store's multipart
-- upload as it arrives; what the server has is known from here, so a client resumes where it broke off.
create table upload_session (
    id             uuid primary key,
    unit_code      text not null,
    created_by     text not null,
    cycle_id       text not null,
    period         text,
    item_codes     text[] not null,
    file_name      text not null,
    evidence_date  date not null,
    expires_on     date,
    declared_size  bigint not null check (declared_size > 0),
    storage_key    text not null unique,
    store_upload   text not null,
    created_at     timestamp with time zone not null,
    touched_at     timestamp with time zone not null
);
create index upload_session_touched on upload_session (touched_at);

create table upload_session_part (
    session_id   uuid not null references upload_session (id) on delete cascade,
    part_number  integer not null check (part_number between 1 and 10000),
    size         bigint not null,
    sha256       text not null,
    etag         text not null,
    received_at  timestamp with time zone not null,
    primary key (session_id, part_number)
);
