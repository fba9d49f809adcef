import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge, Card } from '@/components/ui/card';
import { apiDocGroups } from '@/lib/api/docs';
import { API_ERROR_CODES } from '@/lib/api/problem';
import { getLocale } from '@/lib/auth/context';
import { env } from '@/lib/env';
import { type Locale, toLocale } from '@/lib/i18n/config';
import { translate } from '@/lib/i18n/translate';

export const metadata: Metadata = { title: 'Jaring REST API' };

const METHOD_COLOR = { GET: 'green', POST: 'blue', PATCH: 'amber', PUT: 'amber', DELETE: 'red' } as const;

/**
 * The REST API's reference, rendered on the server from the same resource table and schemas
 * as /api/v1/openapi.json (no script of a CDN: the page policy forbids it). Public, like the
 * document; `?lang=en|id` picks the language, else the visitor's own (the language cookie).
 */
export default async function ApiDocsPage({ searchParams }: { searchParams: Promise<{ lang?: string }> }) {
  const { lang } = await searchParams;
  const locale: Locale = lang ? toLocale(lang) : await getLocale();
  // The language the visitor picked here, whatever their cookie says (next-intl follows the cookie).
  const t = (key: string, params?: Record<string, string | number>) => translate(locale, `restApi.${key}`, params);
  const groups = apiDocGroups(env().APP_URL.replace(/\/$/, ''));
  const sections: [string, string][] = [
    ['authTitle', 'authBody'],
    ['paginationTitle', 'paginationBody'],
    ['errorsTitle', 'errorsBody'],
    ['limitsTitle', 'limitsBody'],
    ['idempotencyTitle', 'idempotencyBody'],
  ];
  return (
    <main className="mx-auto max-w-3xl space-y-6 p-4" lang={locale} data-testid="api-docs">
      <header className="space-y-2">
        <h1 className="text-2xl font-bold">{t('docs.title')}</h1>
        <p className="text-sm text-slate-600 dark:text-slate-300">{t('docs.intro')}</p>
        <nav className="flex flex-wrap items-center gap-x-4 text-sm" aria-label={t('docs.language')}>
          <a href="/api/v1/openapi.json" className="inline-flex min-h-11 items-center underline">
            {t('docs.openapi')}
          </a>
          <Link href="/api/docs?lang=id" className="inline-flex min-h-11 items-center underline" hrefLang="id">
            Bahasa Indonesia
          </Link>
          <Link href="/api/docs?lang=en" className="inline-flex min-h-11 items-center underline" hrefLang="en">
            English
          </Link>
        </nav>
      </header>

      <Card>
        <h2 className="font-semibold">{t('docs.contents')}</h2>
        <ul className="mt-2 flex flex-wrap gap-x-4 text-sm">
          {groups.map((g) => (
            <li key={g.tag}>
              <a href={`#${g.tag}`} className="inline-flex min-h-11 items-center underline">
                {t(`tags.${g.tag}`)}
              </a>
            </li>
          ))}
          <li>
            <a href="#errors" className="inline-flex min-h-11 items-center underline">
              {t('docs.errorCodes')}
            </a>
          </li>
        </ul>
      </Card>

      {sections.map(([title, body]) => (
        <section key={title} className="space-y-1">
          <h2 className="text-lg font-semibold">{t(`docs.${title}`)}</h2>
          <p className="text-sm">{t(`docs.${body}`)}</p>
          {title === 'authTitle' && (
            <>
              <pre className="whitespace-pre-wrap break-all rounded-lg bg-slate-100 p-3 text-xs dark:bg-slate-800">
                Authorization: Bearer jrg_…
              </pre>
              <p className="text-sm">{t('docs.scopesBody')}</p>
            </>
          )}
        </section>
      ))}

      {groups.map((g) => (
        <section key={g.tag} id={g.tag} className="space-y-3">
          <h2 className="text-xl font-semibold">{t(`tags.${g.tag}`)}</h2>
          {g.routes.map((r) => (
            <Card key={`${r.method} ${r.path}`}>
              <div className="flex flex-wrap items-center gap-2">
                <Badge color={METHOD_COLOR[r.method as keyof typeof METHOD_COLOR]}>{r.method}</Badge>
                <code className="break-all text-sm font-semibold">{r.path}</code>
              </div>
              <p className="mt-1 text-sm">{t(r.labelKey.replace(/^restApi\./, ''))}</p>
              <p className="mt-1 text-xs text-slate-500">
                {t('docs.scope')}: <code>{r.permission}</code>
              </p>
              <h3 className="mt-3 text-sm font-semibold">{t('docs.parameters')}</h3>
              {r.fields.length === 0 ? (
                <p className="text-sm text-slate-500">{t('docs.noParameters')}</p>
              ) : (
                <ul className="mt-1 space-y-1 text-sm">
                  {r.fields.map((f) => (
                    <li key={`${f.where}:${f.name}`} className="break-words">
                      <code className="font-semibold">{f.name}</code>{' '}
                      <span className="text-xs text-slate-500">
                        ({f.where === 'body' ? t('docs.body') : f.where}) {f.type}
                        {f.required ? ` · ${t('docs.required')}` : ''}
                      </span>
                    </li>
                  ))}
                </ul>
              )}
              <h3 className="mt-3 text-sm font-semibold">{t('docs.example')}</h3>
              <pre className="mt-1 whitespace-pre-wrap break-all rounded-lg bg-slate-100 p-3 text-xs dark:bg-slate-800">
                {r.curl}
              </pre>
            </Card>
          ))}
        </section>
      ))}

      <section id="errors" className="space-y-2">
        <h2 className="text-xl font-semibold">{t('docs.errorCodes')}</h2>
        <ul className="space-y-2 text-sm">
          {API_ERROR_CODES.map((code) => (
            <li key={code} id={`error-${code}`} className="break-words">
              <code className="font-semibold">{code}</code>:{' '}
              {t(`errors.${code}`, { max: code === 'payload_too_large' ? 64 : 255 })}
            </li>
          ))}
        </ul>
      </section>
    </main>
  );
}
