'use client';
import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { markConversationReadAction } from '@/app/_actions/inbox';

/**
 * Opening a conversation reads it: done from the browser once the page is shown (a prefetch
 * or a render never marks anything read), then the page refreshes its badges.
 */
export function MarkRead({ conversationId, pending }: { conversationId: string; pending: boolean }) {
  const router = useRouter();
  useEffect(() => {
    if (!pending) return;
    void markConversationReadAction({ conversationId }).then((r) => {
      if (r.ok && r.data.changed) router.refresh();
    });
  }, [conversationId, pending, router]);
  return null;
}
