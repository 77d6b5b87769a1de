-- The office's 通报 of a cycle (workflow's CyclePublished): from then on the results table of the
-- approved proposal is the official one. One publication per cycle.
create table cycle_publication (
    cycle_id     text primary key references cycle,
    proposal_id  text,
    notice_title text,
    unit_count   integer not null,
    published_by text not null,
    published_at timestamp with time zone not null
);
