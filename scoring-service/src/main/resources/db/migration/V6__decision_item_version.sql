-- An item's assessment (its judged score, its measured values) has a version: each JUDGED or
-- MEASUREMENT decision, and each withdrawal of one, is the item's next version. Two assessors who
-- both read version n and record n + 1 cannot both commit (the unique index), whatever the
-- application checks before; together with the unique supersedes this makes "the last one
-- silently wins" impossible. Deductions and bonuses co-exist as lines and have no version.
-- Decisions recorded before this have none (null): the first new assessment on such an item is
-- version 1, so nothing needs a backfill.
alter table decision add column item_version integer check (item_version > 0);
create unique index decision_item_version on decision (cycle_id, unit_code, item_code, item_version)
    where item_version is not null;
