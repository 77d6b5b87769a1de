-- Workflow's own tables (Camunda's are created by the engine). Comments on tasks, kept by
-- the inbox alongside Camunda's task history.
create table task_comment (
    id          bigint generated always as identity primary key,
    task_id     text not null,
    author      text not null,
    body        text not null,
    created_at  timestamp with time zone not null default now()
);
create index task_comment_by_task on task_comment (task_id, created_at);
