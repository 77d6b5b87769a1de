-- The rubric's items and published versions now live in the platform's replica tables, which
-- evidence keeps alike (service-support's RubricReplica). Move what this service has kept there:
-- the cached UnitItems documents become rows, in the order rubric-service served the items. The replica
-- tables come from the platform migrations, which PlatformSchemaMigration runs before these.
insert into replica_rubric_version (version_id, system_code, year, title, leaf_count, total_points, content_hash,
                                    snapshot_path, published_at, received_at)
select version_id, system_code, year, title, leaf_count, total_points, content_hash, snapshot_path, published_at,
       received_at
from known_rubric_version
on conflict do nothing;

insert into replica_unit (rubric_version_id, unit_code, unit_name, category, maximum, fetched_at)
select u.version_id, u.unit_code, u.body ->> 'unitName', u.body ->> 'category',
       coalesce((u.body ->> 'maximum')::numeric,
                (select coalesce(sum((i ->> 'points')::numeric), 0) from jsonb_array_elements(u.body -> 'items') i)),
       u.fetched_at
from unit_items u
on conflict do nothing;

insert into replica_unit_item (rubric_version_id, unit_code, item_code, position, title, path, top_level_code,
                               top_level_title, points, rule, assessing_departments, deadline, accepted_evidence)
select u.version_id, u.unit_code, e.item ->> 'itemCode', (e.ordinal - 1)::integer, e.item ->> 'title',
       coalesce(nullif(e.item -> 'path', 'null'::jsonb), '[]'::jsonb),
       e.item ->> 'topLevelCode', e.item ->> 'topLevelTitle', (e.item ->> 'points')::numeric,
       nullif(e.item -> 'rule', 'null'::jsonb),
       array(select jsonb_array_elements_text(coalesce(nullif(e.item -> 'assessingDepartments', 'null'::jsonb),
                                                        '[]'::jsonb))),
       e.item ->> 'deadline', e.item ->> 'acceptedEvidence'
from unit_items u
cross join lateral jsonb_array_elements(u.body -> 'items') with ordinality as e(item, ordinal)
on conflict do nothing;

drop table unit_items;
drop table known_rubric_version;
