'use client';
import { useTranslations } from 'next-intl';
import { setupOwnerAction } from '@/app/_actions/platform';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/card';
import { TextField } from '@/components/ui/field';
import { useSignInAfter } from '@/components/ui/use-sign-in-after';

export function SetupForm({ token }: { token: string }) {
  const t = useTranslations();
  const form = useSignInAfter(setupOwnerAction);
  return (
    <form onSubmit={form.onSubmit} method="post" className="space-y-4" noValidate>
      {form.error && <Alert>{form.error}</Alert>}
      {token ? (
        <input type="hidden" name="token" value={token} />
      ) : (
        <TextField
          label={t('setup.token')}
          name="token"
          hint={t('setup.tokenHint')}
          required
          autoComplete="off"
          error={form.fieldError('token')}
        />
      )}
      <TextField
        label={t('auth.organizationName')}
        name="organizationName"
        required
        error={form.fieldError('organizationName')}
      />
      <TextField
        label={t('auth.slug')}
        name="slug"
        hint={t('auth.slugHint')}
        required
        error={form.fieldError('slug')}
      />
      <TextField
        label={t('auth.adminName')}
        name="adminName"
        autoComplete="name"
        required
        error={form.fieldError('adminName')}
      />
      <TextField
        label={t('common.email')}
        name="email"
        type="email"
        autoComplete="email"
        required
        error={form.fieldError('email')}
      />
      <TextField
        label={t('common.password')}
        name="password"
        type="password"
        autoComplete="new-password"
        required
        error={form.fieldError('password')}
      />
      <Button type="submit" className="w-full" disabled={form.pending}>
        {form.pending ? t('common.saving') : t('setup.submit')}
      </Button>
    </form>
  );
}
