'use client';
import { useTranslations } from 'next-intl';
import { useState, useTransition } from 'react';
import { submitRatingAction } from '@/app/_actions/tickets';
import { Button } from '@/components/ui/button';
import { Alert, Card } from '@/components/ui/card';
import { inputClass } from '@/components/ui/field';

export function RatingForm({ token }: { token: string }) {
  const t = useTranslations('tickets.ratePage');
  const [rating, setRating] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  if (done)
    return (
      <Card>
        <p data-testid="rating-done">{t('thanks')}</p>
      </Card>
    );
  return (
    <Card className="space-y-4">
      <p>{t('question')}</p>
      {error && <Alert>{error}</Alert>}
      <fieldset>
        <legend className="sr-only">{t('question')}</legend>
        <div className="grid grid-cols-5 gap-2">
          {[1, 2, 3, 4, 5].map((n) => (
            <button
              key={n}
              type="button"
              aria-pressed={rating === n}
              aria-label={t('stars', { n })}
              onClick={() => setRating(n)}
              data-testid={`rate-${n}`}
              className={`min-h-14 rounded-xl border text-2xl ${rating !== null && n <= rating ? 'border-amber-400 bg-amber-50 text-amber-500 dark:bg-amber-950' : 'border-slate-300 text-slate-400 dark:border-slate-700'}`}
            >
              ★
            </button>
          ))}
        </div>
        <p className="mt-1 flex justify-between text-xs text-slate-500">
          <span>{t('low')}</span>
          <span>{t('high')}</span>
        </p>
      </fieldset>
      <div className="space-y-1">
        <label htmlFor="comment" className="block text-sm font-medium">
          {t('comment')}
        </label>
        <textarea
          id="comment"
          rows={3}
          maxLength={1000}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          className={`${inputClass} py-2`}
        />
      </div>
      <Button
        className="w-full"
        disabled={rating === null || pending}
        data-testid="submit-rating"
        onClick={() =>
          start(async () => {
            const r = await submitRatingAction({ token, rating: rating ?? 0, comment });
            if (r.ok) setDone(true);
            else setError(r.message);
          })
        }
      >
        {t('send')}
      </Button>
    </Card>
  );
}
