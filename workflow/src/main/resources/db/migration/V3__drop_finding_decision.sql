-- Inspection findings now reach scoring-service as RecordDecision commands through the outbox, in
-- the job's own transaction, each with an id derived from the finding: scoring-service keeps them
-- apart by that id, so workflow no longer remembers which it recorded.
drop table finding_decision;
