-- Earlier years' published results (往年结果), imported from the 汇总表 workbooks counties published before
-- the platform ran their assessment: one imported year per calendar year (importing it again replaces it),
-- each unit's final score, the full marks it is out of and the grade (等次) when the workbook gives one.
-- The cockpit shows them next to the platform's cycles; a year the platform ran itself wins over an import.
create table imported_year (
    year         integer primary key check (year between 1949 and 2999),
    title        text not null check (btrim(title) <> ''),
    file_name    text,
    digest       text not null,
    unit_count   integer not null,
    imported_by  text not null,
    imported_at  timestamp with time zone not null default now()
);

create table imported_result (
    year         integer not null references imported_year on delete cascade,
    unit_code    text not null,
    -- the unit's name as the workbook wrote it, and the roster's category it was published under
    unit_name    text not null,
    category     text not null,
    score        numeric(9, 2) not null,
    full_marks   numeric(9, 2) not null check (full_marks > 0),
    percent      numeric(7, 2) not null,
    grade        text,
    sheet        text not null,
    row_number   integer not null,
    primary key (year, unit_code)
);
