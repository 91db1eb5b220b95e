import type { RegionLevel, Role } from '@mingbai/shared';

/** The signed-in staff member, attached to the request by the global guard. */
export interface AuthUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  regionId: number | null;
  /** "/1/4/17/" of the user's region, or null for an admin with no region (everything). */
  regionPath: string | null;
  regionLevel: RegionLevel | null;
}
