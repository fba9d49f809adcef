import type { ReactNode } from 'react';
import { wholeWord } from '@/lib/billing/pdf';
import { formatDate, formatDateTime } from '@/lib/format';
import type { Locale } from '@/lib/i18n/config';
import { translate } from '@/lib/i18n/translate';
import type { SpkData } from './spk';

// ESM-only, loaded with import() as in lib/billing/pdf.tsx (worker and tests run CommonJS).
type ReactPdf = typeof import('@react-pdf/renderer');

const styles = {
  page: { padding: 32, fontSize: 9.5, fontFamily: 'Helvetica', color: '#0f172a' },
  row: { flexDirection: 'row', justifyContent: 'space-between' },
  h1: { fontSize: 16, fontFamily: 'Helvetica-Bold', color: '#047857' },
  title: { fontSize: 13, fontFamily: 'Helvetica-Bold', textAlign: 'right' },
  muted: { color: '#64748b' },
  bold: { fontFamily: 'Helvetica-Bold' },
  section: { marginTop: 12, borderTopWidth: 1, borderColor: '#cbd5e1', paddingTop: 6 },
  heading: { fontFamily: 'Helvetica-Bold', fontSize: 10.5, marginBottom: 4 },
  field: { flexDirection: 'row', marginBottom: 2 },
  label: { width: 110, color: '#64748b' },
  value: { flex: 1 },
  // Small and monospaced so a whole link fits one line (as on the invoice).
  link: { fontFamily: 'Courier', fontSize: 7.5, color: '#475569', textDecoration: 'none' },
  tick: {
    width: 11,
    height: 11,
    borderWidth: 1,
    borderColor: '#334155',
    marginRight: 6,
    fontSize: 8,
    fontFamily: 'Helvetica-Bold',
    textAlign: 'center',
  },
  signBox: { width: '48%', borderWidth: 0.8, borderColor: '#94a3b8', padding: 6, minHeight: 110 },
} as const;

function Field({ pdf, label, children }: { pdf: ReactPdf; label: string; children: ReactNode }) {
  const { Text, View } = pdf;
  return (
    <View style={styles.field} wrap={false}>
      <Text style={styles.label}>{label}</Text>
      <View style={styles.value}>{typeof children === 'string' ? <Text>{children}</Text> : children}</View>
    </View>
  );
}

function spkDocument(pdf: ReactPdf, d: SpkData, locale: Locale, printedAt: Date) {
  const { Document, Image, Link, Page, Text, View } = pdf;
  const t = (key: string, params?: Record<string, string | number>) => translate(locale, `spk.${key}`, params);
  const s = styles;
  const w = d.workOrder;
  const tz = d.organization.timezone;
  const when = (v: Date | null) => (v ? formatDateTime(v, locale, tz) : '—');
  const window = w.windowStart && w.windowEnd ? `${w.windowStart}–${w.windowEnd}` : (w.windowStart ?? '');
  const schedule = w.scheduledDate
    ? `${formatDate(w.scheduledDate, locale)}${window ? `, ${window}` : ''}`
    : t('notScheduled');
  const point =
    w.latitude !== null && w.longitude !== null ? `${w.latitude.toFixed(6)}, ${w.longitude.toFixed(6)}` : null;
  const odp = w.odp ? `${w.odp.code} — ${w.odp.name}` : '—';
  return (
    <Document title={`${t('title')} ${w.number}`} author={d.organization.name} language={locale}>
      <Page size="A4" style={s.page}>
        <View style={s.row}>
          <View style={{ width: '58%' }}>
            {d.organization.logoDataUrl ? (
              <Image
                src={d.organization.logoDataUrl}
                style={{ height: 36, marginBottom: 4, objectFit: 'contain', objectPosition: 'left' }}
              />
            ) : null}
            <Text style={s.h1}>{d.organization.name}</Text>
            {d.organization.address ? <Text style={s.muted}>{d.organization.address}</Text> : null}
            {d.organization.phone ? <Text style={s.muted}>{t('phone', { phone: d.organization.phone })}</Text> : null}
          </View>
          <View style={{ width: '40%' }}>
            <Text style={s.title}>{t('title')}</Text>
            <Text style={[s.bold, { textAlign: 'right', fontSize: 12 }]}>{w.number}</Text>
            <Text style={{ textAlign: 'right' }}>{translate(locale, `workOrders.types.${w.type}`)}</Text>
            <Text style={[s.muted, { textAlign: 'right' }]}>
              {t('statusLine', { status: translate(locale, `workOrders.statuses.${w.status}`) })}
            </Text>
          </View>
        </View>

        <View style={s.section}>
          <Field pdf={pdf} label={t('schedule')}>
            {schedule}
          </Field>
          <Field pdf={pdf} label={t('customer')}>
            {d.customer
              ? `${d.customer.name}${d.customer.number ? ` (${d.customer.number})` : ''} · ${d.customer.phone}`
              : '—'}
          </Field>
          <Field pdf={pdf} label={t('address')}>
            {w.address || '—'}
          </Field>
          <Field pdf={pdf} label={t('coordinates')}>
            {point ?? '—'}
          </Field>
          {w.routeUrl ? (
            <Field pdf={pdf} label={t('route')}>
              {/* Never hyphenated: a "-" put in at a line break would be copied into the address. */}
              <Link src={w.routeUrl} style={s.link}>
                <Text hyphenationCallback={wholeWord}>{w.routeUrl}</Text>
              </Link>
            </Field>
          ) : null}
          <Field pdf={pdf} label={t('odpPort')}>
            {w.odpPort !== null ? `${odp} · ${t('port', { port: w.odpPort })}` : odp}
          </Field>
          <Field pdf={pdf} label={t('technicians')}>
            {d.technicians.length ? d.technicians.map((x) => x.name).join(', ') : t('noTechnician')}
          </Field>
        </View>

        <View style={s.section}>
          <Text style={s.heading}>{t('checklist')}</Text>
          {w.checklist.length === 0 ? <Text style={s.muted}>{t('noChecklist')}</Text> : null}
          {w.checklist.map((item) => (
            <View key={item.id} style={{ flexDirection: 'row', alignItems: 'center', marginBottom: 3 }} wrap={false}>
              <Text style={s.tick}>{item.done ? 'X' : ' '}</Text>
              <Text style={{ flex: 1 }}>{item.label}</Text>
              {item.done && item.doneAt ? <Text style={s.muted}>{when(new Date(item.doneAt))}</Text> : null}
            </View>
          ))}
        </View>

        <View style={s.section}>
          <Text style={s.heading}>{t('visit')}</Text>
          <Field pdf={pdf} label={t('checkIn')}>
            {when(w.checkInAt)}
          </Field>
          <Field pdf={pdf} label={t('checkOut')}>
            {when(w.checkOutAt)}
          </Field>
          <Field pdf={pdf} label={t('photos')}>
            {w.requiredPhotos > 0
              ? t('photoCountRequired', { count: d.photos, required: w.requiredPhotos })
              : t('photoCount', { count: d.photos })}
          </Field>
          {w.result ? (
            <>
              <Field pdf={pdf} label={t('installedOn')}>
                {formatDate(w.result.installedOn, locale)}
              </Field>
              <Field pdf={pdf} label={t('serial')}>
                {w.result.serialNumber}
              </Field>
              <Field pdf={pdf} label={t('mac')}>
                {w.result.macAddress ?? '—'}
              </Field>
              {w.result.odpPort !== null || w.resultOdpCode ? (
                <Field pdf={pdf} label={t('installedPort')}>
                  {[w.resultOdpCode, w.result.odpPort !== null ? t('port', { port: w.result.odpPort }) : null]
                    .filter(Boolean)
                    .join(' · ')}
                </Field>
              ) : null}
            </>
          ) : null}
          {w.finishedAt ? (
            <Field pdf={pdf} label={t('finishedAt')}>
              {when(w.finishedAt)}
            </Field>
          ) : null}
          {w.cancelReason ? (
            <Field pdf={pdf} label={t('cancelReason')}>
              {w.cancelReason}
            </Field>
          ) : null}
        </View>

        <View style={s.section}>
          <Text style={s.heading}>{t('notes')}</Text>
          <Text style={{ minHeight: 36 }}>{w.notes || ' '}</Text>
        </View>

        <View style={[s.row, { marginTop: 14 }]} wrap={false}>
          <View style={s.signBox}>
            <Text style={s.muted}>{t('technicianSignature')}</Text>
            <View style={{ flexGrow: 1 }} />
            <Text>{d.technicians[0]?.name ?? ' '}</Text>
          </View>
          <View style={s.signBox}>
            <Text style={s.muted}>{t('customerSignature')}</Text>
            {d.signature?.imageDataUrl ? (
              <Image src={d.signature.imageDataUrl} style={{ height: 64, objectFit: 'contain', marginVertical: 4 }} />
            ) : (
              <View style={{ flexGrow: 1 }} />
            )}
            {d.signature ? (
              <>
                <Text>{d.signature.name ?? d.customer?.name ?? ''}</Text>
                <Text style={s.muted}>{t('signedAt', { at: when(d.signature.at) })}</Text>
              </>
            ) : (
              <Text>{d.customer?.name ?? ' '}</Text>
            )}
          </View>
        </View>

        <Text style={[s.muted, { marginTop: 12, fontSize: 8 }]} fixed>
          {t('printedAt', { at: when(printedAt), org: d.organization.name })}
        </Text>
      </Page>
    </Document>
  );
}

/** The printable SPK (A4), in the reader's language; times in the organization's zone. */
export async function renderSpkPdf(d: SpkData, locale: Locale, printedAt = new Date()): Promise<Buffer> {
  const pdf: ReactPdf = await import('@react-pdf/renderer');
  return pdf.renderToBuffer(spkDocument(pdf, d, locale, printedAt));
}
