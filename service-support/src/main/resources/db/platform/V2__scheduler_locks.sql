-- ShedLock's rows: a scheduled job runs on the one replica that holds its row until lock_until
-- (io.kaohe.support.scheduling.SchedulingConfiguration). Times are the database's own, in UTC.
create table shedlock (
    name       varchar(64)  primary key,
    lock_until timestamp    not null,
    locked_at  timestamp    not null,
    locked_by  varchar(255) not null
);
