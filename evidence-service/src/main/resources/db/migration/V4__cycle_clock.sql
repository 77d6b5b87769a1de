-- A cycle run on a compressed clock (CycleOpened.clock): its calendar day is computed from these, not from
-- the real date, when a period opens and whether a sign-off is late.
alter table cycle add column clock_year_start timestamp with time zone;
alter table cycle add column clock_start timestamp with time zone;
alter table cycle add column seconds_per_day double precision;
