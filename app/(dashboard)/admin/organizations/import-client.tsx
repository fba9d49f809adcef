'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { type FormEvent, useState } from 'react';
import {
  importLinksAction,
  inspectImportAction,
  startImportAction,
  uploadImportAction,
} from '@/app/_actions/org-transfer';
import { JobProgress, JobStatus } from '@/components/jobs/job-watch';
import { Button } from '@/components/ui/button';
import { Alert, Card } from '@/components/ui/card';
import { CopyButton } from '@/components/ui/copy-button';
import { TextField } from '@/components/ui/field';
import { UPLOAD_PIECE_BYTES } from '@/lib/org-transfer/limits';

type Inspection = Extract<Awaited<ReturnType<typeof inspectImportAction>>, { ok: true }>['data'];

/**
 * Importing an organization exported on another Jaring install: the ZIP goes up in pieces,
 * the dry run says what it holds and what clashes, then the import runs as a job.
 */
export function ImportOrganization() {
  const t = useTranslations('orgTransfer');
  const router = useRouter();
  const [upload, setUpload] = useState<{ id: string; passphrase: string } | null>(null);
  const [sent, setSent] = useState<number | null>(null);
  const [seen, setSeen] = useState<Inspection | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [jobId, setJobId] = useState<string | null>(null);
  const [links, setLinks] = useState<{ email: string; url: string }[] | null>(null);
  const [busy, setBusy] = useState(false);
  // The file already up (a wrong passphrase is typed again without sending the file again).
  const [sentFile, setSentFile] = useState<{ key: string; id: string } | null>(null);

  const refused = (r: { message: string; fieldErrors?: Record<string, string> }) => {
    setError(r.message);
    setFieldErrors(r.fieldErrors ?? {});
  };

  const check = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const file = data.get('file');
    const passphrase = String(data.get('passphrase') ?? '');
    setError(null);
    setFieldErrors({});
    if (!(file instanceof File) || file.size === 0) return setFieldErrors({ file: t('chooseFile') });
    setBusy(true);
    try {
      const fileKey = `${file.name}:${file.size}:${file.lastModified}`;
      let uploadId = sentFile?.key === fileKey ? sentFile.id : undefined;
      if (!uploadId) {
        for (let offset = 0; offset < file.size; ) {
          setSent(Math.round((offset / file.size) * 100));
          const piece = new File([file.slice(offset, offset + UPLOAD_PIECE_BYTES)], 'piece.zip');
          const r = await uploadImportAction({ uploadId, offset, total: file.size, piece });
          if (!r.ok) return setError(r.message);
          uploadId = r.data.uploadId;
          offset = r.data.received;
        }
        setSentFile({ key: fileKey, id: uploadId! });
        setSent(null);
      }
      const r = await inspectImportAction({ uploadId: uploadId!, passphrase });
      if (!r.ok) {
        if (r.code === 'upload_gone') setSentFile(null);
        return refused(r);
      }
      setUpload({ id: uploadId!, passphrase });
      setSeen(r.data);
    } finally {
      setBusy(false);
      setSent(null);
    }
  };

  const start = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const slug = String(new FormData(event.currentTarget).get('slug') ?? '');
    setBusy(true);
    const r = await startImportAction({ uploadId: upload!.id, passphrase: upload!.passphrase, slug });
    setBusy(false);
    if (!r.ok) return refused(r);
    setError(null);
    setJobId(r.data.jobId);
  };

  const reset = () => {
    setSentFile(null);
    setUpload(null);
    setSeen(null);
    setJobId(null);
    setLinks(null);
    setError(null);
    setFieldErrors({});
  };

  return (
    <Card className="space-y-3">
      <h2 className="font-semibold">{t('importTitle')}</h2>
      <p className="text-sm text-slate-600 dark:text-slate-400">{t('importIntro')}</p>
      {error && <Alert>{error}</Alert>}
      {!seen && (
        <form onSubmit={check} className="space-y-3" noValidate>
          <TextField label={t('file')} name="file" type="file" accept=".zip,application/zip" error={fieldErrors.file} />
          <TextField
            label={t('passphrase')}
            name="passphrase"
            type="password"
            autoComplete="off"
            hint={t('importPassphraseHint')}
            error={fieldErrors.passphrase}
          />
          {sent !== null && (
            <div className="space-y-1 text-sm">
              <p>{t('uploading')}</p>
              <JobProgress done={sent} total={100} />
            </div>
          )}
          <Button type="submit" disabled={busy} data-testid="import-check">
            {t('check')}
          </Button>
        </form>
      )}
      {seen && !jobId && <InspectionView seen={seen} />}
      {seen && !jobId && (
        <form onSubmit={start} className="space-y-3" noValidate>
          {seen.slugTaken && (
            <TextField label={t('newSlug')} name="slug" hint={t('newSlugHint')} error={fieldErrors.slug} />
          )}
          <div className="flex flex-wrap gap-2">
            <Button type="submit" disabled={busy || !seen.canImport} data-testid="import-start">
              {t('import')}
            </Button>
            <Button variant="secondary" onClick={reset}>
              {t('cancel')}
            </Button>
          </div>
        </form>
      )}
      {jobId && (
        <JobStatus
          jobId={jobId}
          testId="import-job"
          onFinished={async (job) => {
            router.refresh();
            if (job.state !== 'done') return;
            const r = await importLinksAction({ jobId: job.id });
            setLinks(r.ok ? r.data.links : []);
          }}
        >
          {() => (
            <div className="space-y-2 text-sm">
              <Alert kind="success">{t('imported')}</Alert>
              {links && links.length > 0 && (
                <>
                  <p>{t('linksIntro')}</p>
                  <ul className="space-y-2" data-testid="import-links">
                    {links.map((l) => (
                      <li key={l.email} className="flex flex-wrap items-center gap-2">
                        <span className="min-w-0 break-all">{l.email}</span>
                        <CopyButton text={l.url} />
                      </li>
                    ))}
                  </ul>
                </>
              )}
              <Button variant="secondary" onClick={reset}>
                {t('another')}
              </Button>
            </div>
          )}
        </JobStatus>
      )}
    </Card>
  );
}

function InspectionView({ seen }: { seen: Inspection }) {
  const t = useTranslations('orgTransfer');
  const problems = [
    seen.newer && t('problems.newer'),
    seen.organizationExists && t('problems.exists'),
    seen.clashes.length > 0 && t('problems.clashes', { tables: seen.clashes.map((c) => c.table).join(', ') }),
  ].filter(Boolean) as string[];
  return (
    <div className="space-y-2 text-sm" data-testid="import-inspection">
      <p className="font-medium break-words">
        {seen.organization.name} <code className="text-xs text-slate-500">{seen.organization.slug}</code>
      </p>
      <ul className="list-disc space-y-1 pl-5">
        <li>{t('holds', { rows: seen.rows, tables: seen.tables.length, files: seen.files.count })}</li>
        <li>{t('people', { linked: seen.linkedUsers.length, created: seen.newUsers })}</li>
        <li>{t(`secretState.${seen.secrets === 'absent' ? 'absent' : seen.passphrase}`)}</li>
      </ul>
      {seen.linkedUsers.length > 0 && (
        <p className="break-words text-xs text-slate-500">{t('linkedList', { emails: seen.linkedUsers.join(', ') })}</p>
      )}
      {problems.map((p) => (
        <Alert key={p}>{p}</Alert>
      ))}
      {seen.canImport && seen.slugTaken && <Alert kind="warning">{t('problems.slug')}</Alert>}
    </div>
  );
}
