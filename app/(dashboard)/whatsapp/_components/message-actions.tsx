'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState, useTransition } from 'react';
import { resendMessageAction } from '@/app/_actions/messaging';
import { Button } from '@/components/ui/button';
import { Badge } from '@/components/ui/card';
import type { MessageStatus } from '@/db/schema';

const STATUS_COLOR = {
  queued: 'slate',
  sending: 'blue',
  sent: 'green',
  delivered: 'green',
  read: 'green',
  failed: 'red',
  cancelled: 'amber',
} as const;

export function MessageStatusBadge({ status }: { status: MessageStatus }) {
  const t = useTranslations('messaging.messageStatuses');
  return <Badge color={STATUS_COLOR[status]}>{t(status)}</Badge>;
}

/** "Send again" for a failed or cancelled message: it goes back to the queue. */
export function ResendButton({ messageId }: { messageId: string }) {
  const t = useTranslations('messaging.messages');
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <div className="mt-2">
      <Button
        variant="secondary"
        disabled={pending}
        data-testid="resend"
        onClick={() =>
          startTransition(async () => {
            const r = await resendMessageAction({ messageId });
            setError(r.ok ? null : r.message);
            if (r.ok) router.refresh();
          })
        }
      >
        {t('resend')}
      </Button>
      {error && (
        <p role="alert" className="mt-1 text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}
