'use client';
import { signIn } from 'next-auth/react';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useRef } from 'react';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/card';
import { TextField } from '@/components/ui/field';
import { useActionForm } from '@/components/ui/use-action-form';
import { signupAction } from '@/lib/auth/actions';

export function SignupForm() {
  const t = useTranslations();
  const router = useRouter();
  const password = useRef('');
  const form = useActionForm(signupAction, async ({ email }) => {
    await signIn('credentials', { redirect: false, email, password: password.current });
    router.replace('/');
    router.refresh();
  });
  return (
    <form
      onSubmit={(e) => {
        password.current = String(new FormData(e.currentTarget).get('password') ?? '');
        form.onSubmit(e);
      }}
      className="space-y-4"
      noValidate
    >
      {form.error && <Alert>{form.error}</Alert>}
      <TextField label={t('auth.organizationName')} name="organizationName" required error={form.fieldError('organizationName')} />
      <TextField label={t('auth.slug')} name="slug" hint={t('auth.slugHint')} required error={form.fieldError('slug')} />
      <TextField label={t('auth.adminName')} name="adminName" autoComplete="name" required error={form.fieldError('adminName')} />
      <TextField label={t('common.email')} name="email" type="email" autoComplete="email" required error={form.fieldError('email')} />
      <TextField
        label={t('common.password')}
        name="password"
        type="password"
        autoComplete="new-password"
        required
        error={form.fieldError('password')}
      />
      <Button type="submit" className="w-full" disabled={form.pending}>
        {form.pending ? t('common.saving') : t('auth.createOrganization')}
      </Button>
    </form>
  );
}
