-- The rubric's items and published versions now live in the platform's replica tables, which
-- scoring keeps alike (service-support's RubricReplica). Move what this service has kept there.
insert into replica_rubric_version (version_id, system_code, year, title, leaf_count, total_points, content_hash,
                                    snapshot_path, published_at, received_at)
select version_id, system_code, year, title, leaf_count, total_points, content_hash, snapshot_path, published_at,
       received_at
from known_rubric_version
on conflict do nothing;

insert into replica_unit (rubric_version_id, unit_code, unit_name, category, maximum, fetched_at)
select rubric_version_id, unit_code, unit_name, category, maximum, fetched_at from unit_item_set
on conflict do nothing;

insert into replica_unit_item (rubric_version_id, unit_code, item_code, position, title, path, top_level_code,
                               top_level_title, points, rule, assessing_departments, deadline, accepted_evidence)
select rubric_version_id, unit_code, item_code, position, title, path, top_level_code, top_level_title, points, rule,
       assessing_departments, deadline, accepted_evidence
from unit_item
on conflict do nothing;

-- cascade drops self_assessment's foreign key to the old set; it is given again towards the replica.
drop table unit_item;
drop table unit_item_set cascade;
drop table known_rubric_version;
alter table self_assessment add constraint self_assessment_rubric_unit_fkey
    foreign key (rubric_version_id, unit_code) references replica_unit;
