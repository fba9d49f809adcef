'use client';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState, useTransition } from 'react';
import { issueResetLinkAction, resetMemberTwoFactorAction } from '@/app/_actions/account';
import {
  changeRoleAction,
  inviteUserAction,
  revokeInvitationAction,
  setMemberActiveAction,
} from '@/app/_actions/users';
import { Button } from '@/components/ui/button';
import { Alert, Badge, Card, EmptyState } from '@/components/ui/card';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { CopyButton } from '@/components/ui/copy-button';
import { inputClass, SelectField, TextField } from '@/components/ui/field';
import { STACKED_ROW, StackedCell, StackedTable } from '@/components/ui/stacked-table';
import { Pager } from '@/components/ui/table';
import { useActionForm } from '@/components/ui/use-action-form';
import type { AssignableRole } from '@/lib/auth/permissions';
import { formatDateTime } from '@/lib/format';
import type { Locale } from '@/lib/i18n/config';

type Option = { value: string; label: string };

export function InviteForm({ roleOptions, appUrl }: { roleOptions: Option[]; appUrl: string }) {
  const t = useTranslations();
  const [email, setEmail] = useState('');
  const form = useActionForm(inviteUserAction);
  return (
    <Card>
      <h2 className="mb-3 font-semibold">{t('users.invite')}</h2>
      <form
        onSubmit={(e) => {
          setEmail(String(new FormData(e.currentTarget).get('email') ?? ''));
          form.onSubmit(e);
        }}
        className="grid gap-3 sm:grid-cols-[1fr_12rem_auto] sm:items-start"
        noValidate
      >
        <TextField label={t('common.email')} name="email" type="email" required error={form.fieldError('email')} />
        <SelectField
          label={t('common.role')}
          name="role"
          options={roleOptions}
          defaultValue="operator"
          error={form.fieldError('role')}
        />
        <Button type="submit" className="sm:mt-6" disabled={form.pending} data-testid="invite-submit">
          {t('users.invite')}
        </Button>
      </form>
      {form.error && (
        <div className="mt-3">
          <Alert>{form.error}</Alert>
        </div>
      )}
      {form.result?.ok && (
        <InviteLink url={`${appUrl || window.location.origin}/invite/${form.result.data.token}`} email={email} />
      )}
    </Card>
  );
}

function InviteLink({ url, email }: { url: string; email: string }) {
  const t = useTranslations();
  const [copied, setCopied] = useState(false);
  return (
    <div className="mt-3 space-y-2" data-testid="invite-link">
      <Alert kind="success">{t('users.inviteLinkTitle')}</Alert>
      <div className="flex gap-2">
        <input readOnly value={url} className={inputClass} aria-label={t('users.inviteLinkTitle')} />
        <Button
          variant="secondary"
          onClick={async () => {
            await navigator.clipboard?.writeText(url);
            setCopied(true);
          }}
        >
          {copied ? t('common.copied') : t('common.copy')}
        </Button>
      </div>
      <p className="text-xs text-slate-500">{t('users.inviteLinkHint', { email })}</p>
    </div>
  );
}

type Invitation = { id: string; email: string; role: string; expiresAt: string };

export function InvitationsList({
  invitations,
  locale,
  timeZone,
}: {
  invitations: Invitation[];
  locale: Locale;
  timeZone: string;
}) {
  const t = useTranslations();
  const [error, setError] = useState<string | null>(null);
  return (
    <section>
      <h2 className="mb-2 font-semibold">{t('users.pendingInvitations')}</h2>
      {error && <Alert>{error}</Alert>}
      <StackedTable head={[t('common.email'), t('common.role'), t('users.expires'), '']}>
        {invitations.map((inv) => (
          <tr key={inv.id} className={STACKED_ROW.page}>
            <StackedCell className="col-span-2 break-all font-medium md:col-span-1 md:font-normal">
              {inv.email}
            </StackedCell>
            <StackedCell label={t('common.role')}>{t(`roles.names.${inv.role}`)}</StackedCell>
            <StackedCell label={t('users.expires')}>{formatDateTime(inv.expiresAt, locale, timeZone)}</StackedCell>
            <StackedCell className="col-span-2 md:col-span-1">
              <ConfirmButton
                label={t('users.revoke')}
                message={t('users.revokeConfirm', { email: inv.email })}
                onConfirm={async () => {
                  const r = await revokeInvitationAction({ invitationId: inv.id });
                  setError(r.ok ? null : r.message);
                }}
              />
            </StackedCell>
          </tr>
        ))}
      </StackedTable>
    </section>
  );
}

type Member = {
  id: string;
  userId: string;
  name: string;
  email: string;
  role: string;
  active: boolean;
  twoFactor: boolean;
  lastLoginAt: string | null;
};

export function MembersTable(props: {
  page: { items: Member[]; nextCursor: string | null };
  q?: string;
  cursor?: string;
  manage: boolean;
  selfId: string;
  roleOptions: Option[];
  locale: Locale;
  timeZone: string;
  appUrl: string;
}) {
  const t = useTranslations();
  const [message, setMessage] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);
  const [resetLink, setResetLink] = useState<{ url: string; email: string } | null>(null);
  const [pending, startTransition] = useTransition();
  // An answer to a tap far down the list would appear above it, out of sight.
  const notice = useRef<HTMLDivElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs for each new message
  useEffect(() => notice.current?.scrollIntoView({ behavior: 'smooth', block: 'center' }), [message]);
  if (props.page.items.length === 0) return <EmptyState title={t('users.emptyTitle')} hint={t('users.emptyHint')} />;
  return (
    <div className="space-y-3">
      {message && (
        <div ref={notice}>
          <Alert kind={message.kind}>{message.text}</Alert>
        </div>
      )}
      {resetLink && <ResetLink {...resetLink} />}
      <StackedTable
        testId="members-table"
        head={[t('common.name'), t('common.role'), t('common.status'), t('users.lastLogin'), '']}
      >
        {props.page.items.map((m) => {
          const self = m.userId === props.selfId;
          return (
            <tr key={m.id} data-testid="member-row" className={STACKED_ROW.page}>
              <StackedCell className="col-span-2">
                <div className="font-medium">
                  {m.name} {self && <Badge color="blue">{t('users.you')}</Badge>}
                </div>
                <div className="text-xs break-all text-slate-500">{m.email}</div>
              </StackedCell>
              <StackedCell label={t('common.role')}>
                {props.manage && !self ? (
                  <select
                    aria-label={`${t('common.role')} ${m.name}`}
                    className={`${inputClass} min-w-36`}
                    defaultValue={m.role}
                    disabled={pending}
                    onChange={(e) => {
                      const role = e.target.value as AssignableRole; // one of the options below
                      const select = e.target;
                      startTransition(async () => {
                        const r = await changeRoleAction({ membershipId: m.id, role });
                        if (!r.ok) select.value = m.role;
                        setMessage(
                          r.ok ? { kind: 'success', text: t('users.roleChanged') } : { kind: 'error', text: r.message },
                        );
                      });
                    }}
                  >
                    {props.roleOptions.map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.label}
                      </option>
                    ))}
                  </select>
                ) : (
                  t(`roles.names.${m.role}`)
                )}
              </StackedCell>
              <StackedCell label={t('common.status')}>
                <div className="flex flex-wrap gap-1">
                  <Badge color={m.active ? 'green' : 'slate'}>
                    {m.active ? t('users.active') : t('users.inactive')}
                  </Badge>
                  {m.twoFactor && <Badge color="blue">{t('users.twoFactor')}</Badge>}
                </div>
              </StackedCell>
              <StackedCell label={t('users.lastLogin')} className="md:whitespace-nowrap">
                {m.lastLoginAt ? formatDateTime(m.lastLoginAt, props.locale, props.timeZone) : t('users.never')}
              </StackedCell>
              <StackedCell className="col-span-2">
                {props.manage && !self && (
                  <div className="flex flex-wrap gap-2">
                    <ConfirmButton
                      variant="secondary"
                      label={t('users.resetLink')}
                      message={t('users.resetLinkConfirm', { name: m.name })}
                      testId="reset-link"
                      onConfirm={async () => {
                        const r = await issueResetLinkAction({ membershipId: m.id });
                        setMessage(r.ok ? null : { kind: 'error', text: r.message });
                        setResetLink(
                          r.ok
                            ? {
                                url: `${props.appUrl || window.location.origin}/reset/${r.data.token}`,
                                email: r.data.email,
                              }
                            : null,
                        );
                      }}
                    />
                    {m.twoFactor && (
                      <ConfirmButton
                        variant="secondary"
                        label={t('users.resetTwoFactor')}
                        message={t('users.resetTwoFactorConfirm', { name: m.name })}
                        onConfirm={async () => {
                          const r = await resetMemberTwoFactorAction({ membershipId: m.id });
                          setMessage(
                            r.ok
                              ? { kind: 'success', text: t('users.twoFactorReset', { name: m.name }) }
                              : { kind: 'error', text: r.message },
                          );
                        }}
                      />
                    )}
                    <ConfirmButton
                      variant={m.active ? 'danger' : 'secondary'}
                      label={m.active ? t('users.deactivate') : t('users.reactivate')}
                      message={
                        m.active
                          ? t('users.deactivateConfirm', { name: m.name })
                          : `${t('users.reactivate')} ${m.name}?`
                      }
                      onConfirm={async () => {
                        const r = await setMemberActiveAction({ membershipId: m.id, active: !m.active });
                        setMessage(r.ok ? null : { kind: 'error', text: r.message });
                      }}
                    />
                  </div>
                )}
              </StackedCell>
            </tr>
          );
        })}
      </StackedTable>
      <Pager
        basePath="/users"
        params={{ q: props.q, cursor: props.cursor }}
        nextCursor={props.page.nextCursor}
        labels={{ next: t('common.next'), first: t('common.first') }}
      />
    </div>
  );
}

/** Shown once, like an invitation link: only its hash is stored. */
function ResetLink({ url, email }: { url: string; email: string }) {
  const t = useTranslations();
  // Tapped on a row far down the list: the link is shown once, so bring it into view.
  const box = useRef<HTMLDivElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs for each new link
  useEffect(() => box.current?.scrollIntoView({ behavior: 'smooth', block: 'center' }), [url]);
  return (
    <div ref={box} className="space-y-2" data-testid="reset-link-shown">
      <Alert kind="success">{t('users.resetLinkTitle', { email })}</Alert>
      <div className="flex gap-2">
        <input readOnly value={url} className={inputClass} aria-label={t('users.resetLink')} />
        <CopyButton text={url} />
      </div>
    </div>
  );
}
