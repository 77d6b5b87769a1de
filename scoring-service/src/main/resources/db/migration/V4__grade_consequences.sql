-- Every grade band says what its grade obliges a unit to do (GradeConsequence), and every proposed grade
-- carries it, so workflow opens rectifications by the consequence and never by a grade's name.
-- Schemes and proposals stored before get, once, the consequence their grade's name had then (seed 003:
-- 较差 → a talk and a report, 一般 → a written explanation, any other name → nothing); nothing is
-- defaulted at run time.
create function pg_temp.consequence_of(grade text) returns text language sql immutable as $$
    select case grade when '较差' then 'TALK_AND_REPORT' when '一般' then 'WRITTEN_EXPLANATION' else 'NONE' end
$$;

create function pg_temp.with_consequences(scheme jsonb) returns jsonb language sql immutable as $$
    select case when jsonb_typeof(scheme -> 'bands') = 'array' and jsonb_array_length(scheme -> 'bands') > 0
        then jsonb_set(scheme, '{bands}', (
            select jsonb_agg(case when jsonb_typeof(band -> 'consequence') = 'string' then band
                                  else band || jsonb_build_object('consequence', pg_temp.consequence_of(band ->> 'grade'))
                             end order by position)
              from jsonb_array_elements(scheme -> 'bands') with ordinality as bands(band, position)))
        else scheme end
$$;

update grading_scheme set scheme = pg_temp.with_consequences(scheme);
update grade_proposal set scheme = pg_temp.with_consequences(scheme);

alter table proposed_grade add column consequence text;
update proposed_grade set consequence = pg_temp.consequence_of(grade);
alter table proposed_grade alter column consequence set not null,
    add constraint proposed_grade_consequence check (consequence in ('NONE', 'WRITTEN_EXPLANATION', 'TALK_AND_REPORT'));
