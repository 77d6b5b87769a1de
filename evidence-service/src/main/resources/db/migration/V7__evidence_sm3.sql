-- Commercial cryptography (密评): every content's SM3 (GB/T 32905, lower-case hex) beside its SHA-256, computed
-- while the bytes are stored and checked when they are downloaded. Contents stored before this have NULL until
-- Sm3Backfill (a start-up job of evidence-service) has read their objects and filled it in.
alter table evidence_blob add column sm3 char(64) check (sm3 ~ '^[0-9a-f]{64}$');
create index evidence_blob_sm3_missing on evidence_blob (sha256) where sm3 is null;
