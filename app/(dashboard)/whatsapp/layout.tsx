import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { PageHeader } from '@/components/ui/card';
import { requirePage } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';
import { WhatsAppTabs } from './_components/tabs';

/** WhatsApp: sessions and templates for admins; broadcasts and the message log for the desk. */
export default async function WhatsAppLayout({ children }: { children: ReactNode }) {
  const { ctx } = await requirePage('messaging.view');
  const t = await getTranslations('messaging');
  const manage = can(ctx.role, 'messaging.manage');
  const tabs = [
    ...(manage
      ? [
          { href: '/whatsapp', label: t('tabs.sessions') },
          { href: '/whatsapp/templates', label: t('tabs.templates') },
        ]
      : []),
    { href: '/whatsapp/broadcasts', label: t('tabs.broadcasts') },
    { href: '/whatsapp/messages', label: t('tabs.messages') },
  ];
  return (
    <div className="space-y-4">
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <WhatsAppTabs tabs={tabs} />
      {children}
    </div>
  );
}
