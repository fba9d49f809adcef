import * as audit from './audit/operations';
import * as jobs from './jobs/operations';
import * as organizations from './organizations/operations';
import * as users from './users/operations';

/** Every operation a signed-in member can run, by name: the tenant and permission tests walk this list. */
export const OPERATIONS = Object.fromEntries(
  [audit, jobs, organizations, users].flatMap((mod) => Object.values(mod)).map((op) => [op.name, op]),
);
