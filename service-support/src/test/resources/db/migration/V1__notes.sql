create table note (id uuid primary key, text text not null);
create table received_note (event_id text primary key, note_id uuid not null, text text not null,
                            received_at timestamp with time zone not null default now());
