import { z } from 'zod';
import type { Permission } from '@/lib/auth/permissions';
import { ctxCan, defineOperation } from '@/lib/server/operation';
import { QUICK_SEARCH_KINDS, type QuickSearchKind, quickSearch } from './quick-search';

/** What each kind of record needs: a role without vouchers.view gets no vouchers. */
const KIND_PERMISSION: Record<QuickSearchKind, Permission> = {
  customers: 'customers.view',
  invoices: 'billing.view',
  vouchers: 'vouchers.view',
  odps: 'odps.view',
  routers: 'routers.view',
};

/** The quick search every member has; each kind is filtered by the member's own permissions. */
export const quickSearchOp = defineOperation({
  name: 'search.quick',
  permission: 'dashboard.view',
  input: z.object({ q: z.string().trim().max(100, 'validation.invalid') }),
  run: async (ctx, input) => ({
    items: await quickSearch(ctx.db, {
      orgId: ctx.orgId,
      kinds: QUICK_SEARCH_KINDS.filter((k) => ctxCan(ctx, KIND_PERMISSION[k])),
      resellerUserId: ctx.role === 'reseller' ? ctx.userId : null,
      q: input.q,
    }),
  }),
});
