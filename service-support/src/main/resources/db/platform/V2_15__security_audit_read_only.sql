-- Issue 15: the audit trail is kept by audit-service (AuditRecorded events through each service's outbox,
-- appended to one SM3 hash chain). This table keeps the refusals recorded before, read-only: nothing
-- writes it any more, and nothing may change or remove what it holds.
create or replace function security_audit_read_only() returns trigger language plpgsql as $$
begin
    raise exception 'security_audit is read-only: the audit trail is kept by audit-service';
end
$$;

create trigger security_audit_read_only before insert or update or delete on security_audit
    for each statement execute function security_audit_read_only();
create trigger security_audit_no_truncate before truncate on security_audit
    for each statement execute function security_audit_read_only();

comment on table security_audit is 'Refusals recorded before issue 15; read-only. The audit trail is kept by audit-service.';
