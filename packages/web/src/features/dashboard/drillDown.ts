import { monthEnd, monthStart } from '@landfall/domain';

/**
 * The project library filtered to what a dashboard figure counts, as of the dashboard's
 * date when one is chosen: /projects?unitId=…&asOf=….
 */
export function projectsLink(filters: Record<string, string | undefined>, asOf: string | undefined): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) if (value) params.set(name, value);
  if (asOf) params.set('asOf', asOf);
  const text = params.toString();
  return text ? `/projects?${text}` : '/projects';
}

/** The funds recorded in one month ('YYYY-MM'), never past the as-of date. */
export function monthFundsLink(month: string, asOf: string | undefined): string {
  const end = monthEnd(month);
  return projectsLink({ fundedFrom: monthStart(month), fundedTo: asOf && asOf < end ? asOf : end }, asOf);
}
