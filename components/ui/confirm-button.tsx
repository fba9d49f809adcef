'use client';
import { useTranslations } from 'next-intl';
import { type ReactNode, useRef, useState } from 'react';
import { Button, type ButtonVariant } from './button';

/** Destructive actions ask first, in a modal that works with a thumb on a small phone. */
export function ConfirmButton({
  label,
  message,
  variant = 'danger',
  onConfirm,
  children,
  testId,
  disabled,
}: {
  label: string;
  message: string;
  variant?: ButtonVariant;
  onConfirm: () => Promise<void> | void;
  children?: ReactNode;
  testId?: string;
  disabled?: boolean;
}) {
  const t = useTranslations('common');
  const dialog = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  return (
    <>
      <Button
        variant={variant}
        onClick={() => dialog.current?.showModal()}
        disabled={busy || disabled}
        data-testid={testId}
      >
        {children ?? label}
      </Button>
      <dialog
        ref={dialog}
        className="m-auto w-[min(28rem,92vw)] rounded-xl p-0 backdrop:bg-black/40 dark:bg-slate-900 dark:text-slate-100"
      >
        <div className="space-y-4 p-5">
          <p>{message}</p>
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => dialog.current?.close()}>
              {t('cancel')}
            </Button>
            <Button
              variant={variant}
              disabled={busy}
              data-testid={testId ? `${testId}-confirm` : undefined}
              onClick={async () => {
                setBusy(true);
                try {
                  await onConfirm();
                } finally {
                  setBusy(false);
                  dialog.current?.close();
                }
              }}
            >
              {t('confirm')}
            </Button>
          </div>
        </div>
      </dialog>
    </>
  );
}
