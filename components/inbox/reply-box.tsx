'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState, useTransition } from 'react';
import { replyToConversationAction } from '@/app/_actions/inbox';
import { Button } from '@/components/ui/button';
import { Alert, Card } from '@/components/ui/card';
import { inputClass } from '@/components/ui/field';

/**
 * The reply: typed, or a quick reply picked and edited. Over a Cloud API number whose
 * 24-hour window has closed it warns first (Meta refuses it; it still queues, and the
 * thread shows the failure like any other).
 */
export function ReplyBox({
  conversationId,
  quickReplies,
  windowClosed,
}: {
  conversationId: string;
  quickReplies: { id: string; title: string; body: string }[];
  windowClosed: boolean;
}) {
  const t = useTranslations('inbox');
  const router = useRouter();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const send = () =>
    start(async () => {
      const r = await replyToConversationAction({ conversationId, text });
      if (!r.ok) return setError(r.fieldErrors?.text ?? r.message);
      setError(null);
      setNotice(r.data.status === 'cancelled' && r.data.reason ? t(`sendErrors.${r.data.reason}`) : null);
      setText('');
      router.refresh();
    });
  return (
    <Card className="space-y-2">
      <label htmlFor="inbox-reply" className="block font-semibold">
        {t('reply')}
      </label>
      {windowClosed && (
        <div data-testid="window-warning">
          <Alert kind="warning">{t('windowClosed')}</Alert>
        </div>
      )}
      {error && <Alert>{error}</Alert>}
      {notice && (
        <div data-testid="reply-notice">
          <Alert kind="warning">{notice}</Alert>
        </div>
      )}
      {quickReplies.length > 0 && (
        <select
          aria-label={t('pickQuickReply')}
          className={inputClass}
          value=""
          data-testid="quick-reply-pick"
          onChange={(e) => {
            const q = quickReplies.find((x) => x.id === e.target.value);
            // Added after what CS already typed (a greeting, a name), never over it.
            if (q) setText((typed) => (typed.trim() ? `${typed.trimEnd()}\n${q.body}` : q.body));
          }}
        >
          <option value="">{t('pickQuickReply')}</option>
          {quickReplies.map((q) => (
            <option key={q.id} value={q.id}>
              {q.title}
            </option>
          ))}
        </select>
      )}
      <textarea
        id="inbox-reply"
        rows={3}
        value={text}
        maxLength={3500}
        onChange={(e) => setText(e.target.value)}
        className={`${inputClass} py-2`}
        data-testid="reply-text"
      />
      <Button disabled={pending || !text.trim()} onClick={send} data-testid="send-reply">
        {t('send')}
      </Button>
    </Card>
  );
}
