import type { Role } from '@/lib/auth/permissions';

export type DashboardSection = 'money' | 'network' | 'sales' | 'work' | 'field' | 'people' | 'reseller' | 'warehouse';

/**
 * Which sections a role's start page shows, in order. Each is read through its own
 * operation (lib/dashboard/operations.ts), whose permission is the real gate; this only
 * picks what is worth a phone screen. Technician, warehouse and HR get what exists for
 * them today plus a note that more comes with their modules (`later`: HR's people module).
 */
export function dashboardSections(role: Role): { sections: DashboardSection[]; later: boolean } {
  switch (role) {
    case 'super_admin':
    case 'admin':
      return { sections: ['money', 'network', 'sales', 'warehouse'], later: false };
    case 'finance':
    case 'operator':
      return { sections: ['money'], later: false };
    case 'noc':
      return { sections: ['network', 'field'], later: false };
    case 'sales':
      return { sections: ['sales'], later: false };
    // A technician's day is their work orders; the warehouse prepares today's installations.
    case 'technician':
      return { sections: ['work', 'field', 'network'], later: false };
    case 'warehouse':
      return { sections: ['warehouse', 'work', 'field'], later: false };
    case 'hr':
      return { sections: ['people'], later: true };
    case 'reseller':
      return { sections: ['reseller'], later: false };
  }
}
