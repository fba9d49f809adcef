import type { WorkOrderStatus } from '@/db/enums';

/** One badge colour per status, the same on the list and the detail page. */
export const STATUS_COLOR: Record<WorkOrderStatus, 'slate' | 'blue' | 'amber' | 'green' | 'red'> = {
  open: 'slate',
  scheduled: 'blue',
  on_the_way: 'amber',
  in_progress: 'amber',
  done: 'green',
  cancelled: 'red',
};
