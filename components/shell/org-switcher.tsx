'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useTransition } from 'react';
import { switchOrganizationAction } from '@/app/_actions/auth';
import { inputClass } from '@/components/ui/field';

export function OrgSwitcher({
  current,
  organizations,
}: {
  current: string;
  organizations: { id: string; name: string }[];
}) {
  const t = useTranslations('shell');
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  if (organizations.length < 2) return null;
  return (
    <select
      aria-label={t('switchOrganization')}
      className={`${inputClass} max-w-56`}
      value={current}
      disabled={pending}
      onChange={(e) => {
        const organizationId = e.target.value;
        startTransition(async () => {
          await switchOrganizationAction({ organizationId });
          router.push('/');
          router.refresh();
        });
      }}
    >
      {organizations.map((o) => (
        <option key={o.id} value={o.id}>
          {o.name}
        </option>
      ))}
    </select>
  );
}
