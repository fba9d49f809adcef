'use client';
import { type FormEvent, useState, useTransition } from 'react';
import type { Result } from '@/lib/server/operation';

/** A form's fields by name, as the browser sends them. */
export type FormFields = Record<string, FormDataEntryValue>;

/**
 * Form fields passed on as an action's input: they carry its names, but as strings and files.
 * Only the operation's schema, on the server, parses (and coerces) them into that input.
 */
export const asInput = <I>(fields: Record<string, unknown>) => fields as I;

/**
 * Submits a form's fields to a server action and keeps its result, so errors show next to
 * their fields and nothing the operator typed is lost.
 */
export function useActionForm<I, T>(action: (input: I) => Promise<Result<T>>, onSuccess?: (data: T) => void) {
  const [result, setResult] = useState<Result<T> | null>(null);
  const [pending, startTransition] = useTransition();
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const input = asInput<I>(Object.fromEntries(new FormData(event.currentTarget).entries()));
    startTransition(async () => {
      const r = await action(input);
      setResult(r);
      if (r.ok) onSuccess?.(r.data);
    });
  };
  const fieldError = (name: string) => (result && !result.ok ? result.fieldErrors?.[name] : undefined);
  const error = result && !result.ok ? result.message : null;
  /** Back to the empty form (e.g. to ask again). */
  const clear = () => setResult(null);
  return { onSubmit, pending, result, error, fieldError, clear };
}
