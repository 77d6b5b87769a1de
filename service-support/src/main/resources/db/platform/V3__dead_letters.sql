-- Events this service's consumers parked on a dead-letter topic (.dlt), for the operator: listed with
-- the reason, replayed once the cause is fixed (io.kaohe.support.deadletters). One row per consumer
-- group and event; parked again after a replay, the row is reopened.
create table dead_letter (
    id              bigint generated always as identity primary key,
    consumer        text        not null,
    -- the envelope's id; for a message that is not an event, kafka:<topic>/<partition>@<offset>
    event_id        text        not null,
    event_type      text,
    -- where it was first published, and where it is replayed to
    topic           text        not null,
    message_key     text,
    -- exactly as received: the replay sends these bytes again
    message         text        not null,
    reason          text        not null,
    status          text        not null check (status in ('PARKED', 'REPLAYED')),
    -- the dead-letter record last read for it: a record read twice is recorded once
    dlt_partition   integer     not null,
    dlt_offset      bigint      not null,
    times_parked    integer     not null default 1,
    first_parked_at timestamp with time zone not null,
    last_parked_at  timestamp with time zone not null,
    times_replayed  integer     not null default 0,
    replayed_at     timestamp with time zone,
    replayed_by     text,
    unique (consumer, event_id)
);
create index dead_letter_waiting on dead_letter (topic, consumer) where status = 'PARKED';
