'use client';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button, type ButtonVariant } from './button';

/**
 * Copies a text (a VA number, a callback URL). `navigator.clipboard` only exists on HTTPS
 * and localhost; a self-hosted install on plain HTTP falls back to the older copy command.
 */
export function CopyButton({
  text,
  variant = 'secondary',
  testId,
}: {
  text: string;
  variant?: ButtonVariant;
  testId?: string;
}) {
  const t = useTranslations('common');
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      if (navigator.clipboard) await navigator.clipboard.writeText(text);
      else legacyCopy(text);
      setCopied(true);
      window.setTimeout(() => setCopied(false), 2000);
    } catch {
      setCopied(false);
    }
  };
  return (
    <Button variant={variant} onClick={copy} data-testid={testId}>
      {copied ? t('copied') : t('copy')}
    </Button>
  );
}

function legacyCopy(text: string) {
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  document.execCommand('copy');
  area.remove();
}
