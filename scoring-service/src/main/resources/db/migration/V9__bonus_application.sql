-- Bonus applications (加分申报): a unit applies for bonus points its rubric allows on a bonus item, with its
-- evidence; a department owning the item accepts (recorded as a BONUS decision, decision_id) or refuses with
-- a reason; the unit may withdraw before an answer. SUBMITTED -> ACCEPTED | REFUSED | WITHDRAWN, nothing after.
create table bonus_application (
    id                    uuid primary key,
    cycle_id              text not null,
    unit_code             text not null,
    item_code             text not null,
    item_title            text not null,
    assessing_departments text[] not null,
    matter                text not null check (btrim(matter) <> ''),
    amount                numeric(9, 2),
    quantity              numeric(12, 2),
    points                numeric(9, 2) not null check (points > 0),
    reason                text not null check (btrim(reason) <> ''),
    evidence_ids          text[] not null,
    state                 text not null check (state in ('SUBMITTED', 'ACCEPTED', 'REFUSED', 'WITHDRAWN')),
    filed_by              text not null,
    filed_at              timestamp with time zone not null default now(),
    answered_by           text,
    answered_department   text,
    answer_reason         text,
    answered_at           timestamp with time zone,
    decision_id           uuid references decision,
    foreign key (cycle_id, unit_code) references cycle_unit,
    check ((state = 'ACCEPTED') = (decision_id is not null)),
    check (state <> 'REFUSED' or btrim(coalesce(answer_reason, '')) <> '')
);
create index bonus_application_by_unit on bonus_application (cycle_id, unit_code);
-- 单项不重复计分: one matter counts once per item, so it is applied for (pending or accepted) once.
create unique index bonus_application_matter_once on bonus_application (cycle_id, unit_code, item_code, lower(btrim(matter)))
    where state in ('SUBMITTED', 'ACCEPTED');
