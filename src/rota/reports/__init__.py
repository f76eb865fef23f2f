"""Reports: a team's or the organization's transfers over a period, bucketed by hour or day in a
time zone, and what each agent did in it (rota.reports.measures holds the definitions)."""
