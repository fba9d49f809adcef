'use client';
import { useRouter } from 'next/navigation';
import { signIn } from 'next-auth/react';
import { type FormEvent, useRef } from 'react';
import type { Result } from '@/lib/server/operation';
import { useActionForm } from './use-action-form';

/**
 * For forms that create an account (sign-up, accepting an invitation): on success, sign in
 * with the password just typed and open the dashboard.
 */
export function useSignInAfter<I>(action: (input: I) => Promise<Result<{ email: string }>>) {
  const router = useRouter();
  const password = useRef('');
  const form = useActionForm(action, async ({ email }) => {
    await signIn('credentials', { redirect: false, email, password: password.current });
    router.replace('/');
    router.refresh();
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    password.current = String(new FormData(event.currentTarget).get('password') ?? '');
    form.onSubmit(event);
  };
  return { ...form, onSubmit };
}
