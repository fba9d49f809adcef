'use client';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';

/** The new password and its submit button, as the reset-link and WhatsApp-code forms ask them. */
export function NewPasswordFields({ error, pending }: { error?: string; pending: boolean }) {
  const t = useTranslations();
  return (
    <>
      <TextField
        label={t('account.newPassword')}
        name="password"
        type="password"
        autoComplete="new-password"
        hint={t('account.newPasswordHint')}
        required
        error={error}
      />
      <Button type="submit" className="w-full" disabled={pending}>
        {t('account.setPassword')}
      </Button>
    </>
  );
}
