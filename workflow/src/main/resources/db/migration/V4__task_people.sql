-- The people workflow has seen, with the task groups their token gave them at their latest call:
-- a task may be delegated only to someone known here whose groups include one of the task's
-- candidate groups (a unit's reporter cannot pass its task to another unit's user, nor to a name
-- nobody has). Kept current on each call whose groups differ; workflow has no other directory.
create table task_person (
    username text primary key,
    groups   text[] not null,
    seen_at  timestamp with time zone not null default now()
);
