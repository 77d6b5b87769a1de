-- Whose evidence file an id is (evidence-service's EvidenceAdded, projected): a decision may cite
-- only evidence of the unit and cycle it decides on. Files stored before this projection existed
-- are not known here and so not checked.
create table evidence_owner (
    evidence_id text primary key,
    cycle_id    text not null,
    unit_code   text not null,
    received_at timestamp with time zone not null default now()
);
