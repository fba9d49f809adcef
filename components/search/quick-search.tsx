'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useRef, useState } from 'react';

type Hit = { kind: string; id: string; title: string; detail: string | null; href: string };

/**
 * The quick search: a button in the header (a magnifier on a phone) and Ctrl-K / Cmd-K
 * anywhere. It asks /api/search a moment after typing stops; the arrows move through the
 * results and Enter opens one.
 */
export function QuickSearch() {
  const t = useTranslations('quickSearch');
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<Hit[]>([]);
  const [active, setActive] = useState(0);
  const [state, setState] = useState<'idle' | 'loading' | 'done' | 'error'>('idle');

  const open = useCallback(() => {
    dialog.current?.showModal();
    input.current?.focus();
    input.current?.select();
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        if (dialog.current?.open) dialog.current.close();
        else open();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);

  useEffect(() => {
    const term = q.trim();
    if (term.length < 2) {
      setHits([]);
      setState('idle');
      return;
    }
    const controller = new AbortController();
    // Debounced: one request once typing pauses, and a stale answer is dropped.
    const timer = setTimeout(async () => {
      setState('loading');
      try {
        const res = await fetch(`/api/search?q=${encodeURIComponent(term)}`, { signal: controller.signal });
        const body = res.ok ? ((await res.json()) as { items: Hit[] }) : null;
        setHits(body?.items ?? []);
        setActive(0);
        setState(body ? 'done' : 'error');
      } catch (error) {
        if (!controller.signal.aborted) setState('error');
        void error;
      }
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [q]);

  const go = (hit: Hit | undefined) => {
    if (!hit) return;
    dialog.current?.close();
    router.push(hit.href);
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((i) => Math.min(i + 1, hits.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((i) => Math.max(i - 1, 0));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      go(hits[active]);
    }
  };

  return (
    <>
      <button
        type="button"
        onClick={open}
        aria-label={t('open')}
        title={t('shortcut')}
        data-testid="quick-search-button"
        className="inline-flex min-h-11 min-w-11 items-center justify-center gap-2 rounded-lg border border-slate-300 px-2 text-sm text-slate-600 hover:bg-slate-100 md:px-3 dark:border-slate-700 dark:text-slate-300 dark:hover:bg-slate-800"
      >
        <svg aria-hidden viewBox="0 0 20 20" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="2">
          <circle cx="9" cy="9" r="6" />
          <path d="m14 14 4 4" strokeLinecap="round" />
        </svg>
        <span className="hidden md:inline">{t('label')}</span>
        <kbd className="hidden rounded border border-slate-300 px-1 text-xs lg:inline dark:border-slate-600">
          Ctrl K
        </kbd>
      </button>
      <dialog
        ref={dialog}
        aria-label={t('label')}
        data-testid="quick-search"
        className="mx-auto mt-4 w-[min(36rem,94vw)] rounded-xl p-0 backdrop:bg-black/40 md:mt-24 dark:bg-slate-900 dark:text-slate-100"
        onClose={() => setActive(0)}
      >
        <div className="p-3">
          <input
            ref={input}
            type="search"
            value={q}
            maxLength={100}
            onChange={(e) => setQ(e.target.value)}
            onKeyDown={onKeyDown}
            placeholder={t('placeholder')}
            aria-label={t('placeholder')}
            aria-controls="quick-search-results"
            data-testid="quick-search-input"
            className="min-h-11 w-full rounded-lg border border-slate-300 bg-white px-3 text-base dark:border-slate-700 dark:bg-slate-950"
          />
          <ul id="quick-search-results" className="mt-2 max-h-[60dvh] overflow-y-auto">
            {hits.map((h, i) => (
              <li key={`${h.kind}-${h.id}`}>
                <Link
                  href={h.href}
                  data-testid="quick-search-result"
                  data-active={i === active || undefined}
                  aria-current={i === active ? 'true' : undefined}
                  className={`flex min-h-11 items-center gap-3 rounded-lg px-3 py-2 ${i === active ? 'bg-brand-50 dark:bg-slate-800' : ''}`}
                  onMouseEnter={() => setActive(i)}
                  onClick={() => dialog.current?.close()}
                >
                  <span className="w-20 shrink-0 text-xs uppercase tracking-wide text-slate-500">
                    {t(`kinds.${h.kind}`)}
                  </span>
                  <span className="min-w-0">
                    <span className="block truncate font-medium">{h.title}</span>
                    {h.detail && <span className="block truncate text-xs text-slate-500">{h.detail}</span>}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
          {state === 'done' && hits.length === 0 && <p className="px-3 py-2 text-sm text-slate-500">{t('none')}</p>}
          {state === 'error' && <p className="px-3 py-2 text-sm text-red-600">{t('error')}</p>}
          {state === 'idle' && <p className="px-3 py-2 text-sm text-slate-500">{t('hint')}</p>}
          <div className="mt-2 flex justify-end">
            <button
              type="button"
              onClick={() => dialog.current?.close()}
              className="min-h-11 rounded-lg px-4 text-sm text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"
            >
              {t('close')}
            </button>
          </div>
        </div>
      </dialog>
    </>
  );
}
