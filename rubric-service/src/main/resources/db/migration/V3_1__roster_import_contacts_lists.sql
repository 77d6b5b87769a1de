-- A unit or assessing department that a re-imported roster no longer lists is deactivated, not deleted:
-- past cycles, published versions and accounts still name it. Inactive entries open no new cycle.
alter table unit add column active boolean not null default true;
alter table assessing_department add column active boolean not null default true;

-- The people of a unit or an assessing department: 填报人, 单位负责人, 审核人, 联系人. Personal
-- information: the office reads all of them, a unit (or department) its own.
create table roster_contact (
    owner_kind text not null check (owner_kind in ('UNIT', 'DEPARTMENT')),
    owner_code text not null,
    role       text not null check (role in ('REPORTER', 'HEAD', 'REVIEWER', 'CONTACT')),
    name       text not null,
    phone      text,
    email      text,
    username   text,
    position   integer not null,
    primary key (owner_kind, owner_code, role, name)
);

-- Saved unit lists (e.g. "乡镇（不含开发区）") the office opens a cycle with in one choice.
create table unit_list (
    code     text primary key,
    name     text not null,
    position integer not null
);
create table unit_list_member (
    list_code text not null references unit_list (code) on delete cascade,
    unit_code text not null references unit (code) on delete cascade,
    position  integer not null,
    primary key (list_code, unit_code)
);

-- A roster workbook read and checked, waiting for the office to apply what its preview showed.
-- Applying needs the token and a roster still as it was (base_hash); the document (which holds
-- contacts) is dropped once applied.
create table roster_import (
    token      uuid primary key,
    file_name  text,
    base_hash  text not null,
    document   jsonb,
    diff       jsonb not null,
    created_by text not null,
    created_at timestamp with time zone not null default now(),
    applied_by text,
    applied_at timestamp with time zone
);
