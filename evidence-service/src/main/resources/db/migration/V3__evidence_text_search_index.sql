-- Reviewers search a unit's evidence by words, Chinese included, as substrings (ILIKE '%word%').
-- A trigram index serves such patterns in any script as long as the database's LC_CTYPE classifies
-- CJK characters as letters (any UTF-8 locale, e.g. C.UTF-8, zh_CN.UTF-8; not plain "C").
-- pg_trgm is a trusted extension: the database owner may create it.
create extension if not exists pg_trgm;

create index evidence_blob_text_trgm on evidence_blob using gin (text_content gin_trgm_ops);
create index evidence_version_name_trgm on evidence_version using gin (file_name gin_trgm_ops);
