-- Rule 2 of app/domain/assignment/choose-next-task.ts (isEligible), less the cap, which each caller
-- tests in its own index order: the annotator has not rated or skipped the unit, and in group mode
-- no one of their group has rated it or holds a live lease on it. {{arg}} is the unit_fill row.
not exists (select 1 from ratings r where r.unit_id = {{arg}}.unit_id and (r.annotator_id = p_annotator) is true offset 0)
and not exists (select 1 from skips x where x.unit_id = {{arg}}.unit_id and x.annotator_id = p_annotator offset 0)
and (not p_group_mode or (p_group is not null
  and not exists (select 1 from ratings r join project_members pm on pm.project_id = p_project and pm.user_id = r.annotator_id
                  where r.unit_id = {{arg}}.unit_id and pm.group_name = p_group offset 0)
  and not exists (select 1 from task_units tu join tasks t on t.id = tu.task_id
                  where tu.unit_id = {{arg}}.unit_id and tu.group_name = p_group and t.status = 'leased' and (t.expires_at > now()) is true offset 0)))
