'use client';
import { LogOut } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useTransition } from 'react';
import { portalSignOutAction } from '@/app/_actions/portal';
import { Button } from '@/components/ui/button';

/** Ends this browser's portal session and goes back to the sign-in page. */
export function PortalSignOutButton({ slug }: { slug: string }) {
  const t = useTranslations('portal.account');
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <Button
      variant="secondary"
      className="w-full"
      disabled={pending}
      data-testid="portal-sign-out"
      onClick={() =>
        startTransition(async () => {
          await portalSignOutAction({ slug });
          router.replace(`/portal/${slug}/login`);
          router.refresh();
        })
      }
    >
      <LogOut size={16} aria-hidden />
      {t('signOut')}
    </Button>
  );
}
