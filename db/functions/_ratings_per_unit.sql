-- How many ratings a unit of the project row {{arg}} needs: overlap k, or in group mode one from every
-- group that has annotators.
case when {{arg}}.group_mode
  then (select count(distinct g.group_name)::integer from project_members g
        where g.project_id = {{arg}}.id and g.role = any ({{ANNOTATE_ROLES}}) and g.group_name is not null)
  else {{arg}}.overlap_k end
