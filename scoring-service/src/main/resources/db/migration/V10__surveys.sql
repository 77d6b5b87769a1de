-- 民主测评: a satisfaction survey opened by the office for one item of a cycle, answered anonymously with
-- one-time codes. No table links a rating to a code or to a voter: a code is deleted when it is used (only
-- its group's counter goes up), and a rating row carries neither a ballot id nor a time.
create table survey (
    id               uuid primary key,
    cycle_id         text not null references cycle,
    item_code        text not null,
    title            text not null check (btrim(title) <> ''),
    scale            text not null check (scale in ('SATISFACTION', 'SCORE')),
    satisfied_value  numeric(5, 4) not null check (satisfied_value between 0 and 1),
    basic_value      numeric(5, 4) not null check (basic_value between 0 and 1),
    dissatisfied_value numeric(5, 4) not null check (dissatisfied_value between 0 and 1),
    quorum           numeric(5, 4) not null check (quorum between 0 and 1),
    trim_extremes    boolean not null,
    state            text not null check (state in ('DRAFT', 'OPEN', 'CLOSED', 'NO_QUORUM')),
    codes_issued     boolean not null default false,
    created_by       text not null,
    created_at       timestamp with time zone not null default now(),
    opened_at        timestamp with time zone,
    closed_by        text,
    closed_at        timestamp with time zone
);
create index survey_by_cycle on survey (cycle_id);

-- The voter groups (领导 / 单位互评 / 服务对象), their weights and how many codes each gets.
create table survey_group (
    survey_id   uuid not null references survey on delete cascade,
    position    int not null,
    name        text not null check (btrim(name) <> ''),
    weight      numeric(7, 4) not null check (weight > 0),
    codes       int not null check (codes between 1 and 5000),
    used        int not null default 0,
    primary key (survey_id, position)
);

-- The units rated (the cycle's units the item applies to), in the roster's order.
create table survey_unit (
    survey_id   uuid not null references survey on delete cascade,
    unit_code   text not null,
    position    int not null,
    primary key (survey_id, unit_code)
);

-- An unused code: its SM3 only. Deleted by the ballot that uses it, in the ballot's transaction.
create table survey_code (
    hash        text primary key,
    survey_id   uuid not null references survey on delete cascade,
    group_position int not null
);
create index survey_code_by_survey on survey_code (survey_id);

-- One rating of one unit by one ballot of a group: no ballot id, no code, no time.
create table survey_rating (
    survey_id      uuid not null references survey on delete cascade,
    group_position int not null,
    unit_code      text not null,
    value          numeric(7, 4) not null
);
create index survey_rating_by_survey on survey_rating (survey_id);

-- What the close computed per unit (the survey's results table), and the decision it recorded.
create table survey_result (
    survey_id   uuid not null references survey on delete cascade,
    unit_code   text not null,
    ballots     int not null,
    score       numeric(7, 2),
    points      numeric(9, 2),
    groups      jsonb not null,
    decision_id uuid,
    primary key (survey_id, unit_code)
);
