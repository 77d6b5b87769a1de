-- Commercial cryptography (密评 8.4 e): SM4 encryption of evidence at rest, optional (kaohe.evidence.encryption.key).
-- Each content encrypted since then has an envelope here, never beside its object in the store: the cipher, the id of
-- the master key that wrapped its data key, the data key wrapped (SM4-GCM: iv ‖ ciphertext ‖ tag), and for an object
-- put together from a resumable upload's parts the parts' sizes and nonces (SM4-CTR per part). Contents stored before
-- (or with encryption off) have none and are read as stored; nothing re-encrypts them.
alter table evidence_blob
    add column cipher         text check (cipher in ('SM4-CTR')),
    add column key_id         text,
    add column wrapped_key    bytea,
    add column segment_sizes  bigint[],
    add column segment_nonces bigint[],
    add constraint evidence_blob_envelope check (
        (cipher is null) = (wrapped_key is null) and (cipher is null) = (key_id is null)
        and (segment_sizes is null) = (segment_nonces is null)
        and (segment_sizes is null or cardinality(segment_sizes) = cardinality(segment_nonces)));

-- A resumable upload encrypted from its first part: the session's data key (wrapped) and each part's nonce.
alter table upload_session
    add column cipher      text check (cipher in ('SM4-CTR')),
    add column key_id      text,
    add column wrapped_key bytea;
alter table upload_session_part add column nonce bigint;
