import type { TemplateCategory } from '@/db/schema';
import type { Locale } from '@/lib/i18n/config';

/**
 * Message templates: text with `{{group.field}}` variables. Each category knows which
 * variables it can fill; an unknown one is refused when the template is saved, so a typo
 * never reaches a customer as "{{invoice.totl}}".
 */
const CUSTOMER = ['customer.name', 'customer.number', 'customer.phone', 'customer.address'] as const;
const ORG = ['organization.name'] as const;
const INVOICE = [
  'invoice.number',
  'invoice.period',
  'invoice.total',
  'invoice.outstanding',
  'invoice.due',
  'invoice.link',
] as const;
const VISIT = ['visit.number', 'visit.date', 'visit.window', 'visit.technician'] as const;
const SERVICE = ['service.username', 'service.password', 'service.plan', 'service.expiry'] as const;

export const TEMPLATE_VARIABLES: Record<TemplateCategory, readonly string[]> = {
  welcome: [...CUSTOMER, ...ORG, ...SERVICE],
  invoice: [...CUSTOMER, ...ORG, ...INVOICE],
  due_reminder: [...CUSTOMER, ...ORG, ...INVOICE, 'reminder.days'],
  isolation: [...CUSTOMER, ...ORG, ...INVOICE, 'service.username', 'service.plan'],
  reconnection: [...CUSTOMER, ...ORG, 'service.username', 'service.plan'],
  payment_received: [...CUSTOMER, ...ORG, 'payment.amount', 'payment.date', 'payment.method', 'invoice.number'],
  voucher: [...ORG, 'voucher.code', 'voucher.password', 'voucher.profile', 'voucher.validity', 'voucher.price'],
  support: [...CUSTOMER, ...ORG, 'ticket.number', 'ticket.status'],
  broadcast: [...CUSTOMER, ...ORG],
  visit_scheduled: [...CUSTOMER, ...ORG, ...VISIT],
  technician_on_the_way: [...CUSTOMER, ...ORG, ...VISIT],
  outage: [...CUSTOMER, ...ORG, 'outage.area', 'outage.started', 'ticket.number'],
  outage_resolved: [...CUSTOMER, ...ORG, 'outage.area', 'outage.started', 'outage.resolved', 'ticket.number'],
  welcome_wifi: [...CUSTOMER, ...ORG, ...SERVICE, 'wifi.name', 'wifi.password'],
  // The portal's one-time sign-in code: sent to a number, not yet to a known customer.
  portal_code: [...ORG, 'code.value', 'code.minutes'],
  // The WhatsApp assistant's answers and staff replies from the inbox: the text is written
  // by the assistant or the staff member; the template wraps it (a greeting, a signature).
  assistant: [...ORG, 'reply.text'],
  inbox: [...ORG, 'reply.text', 'staff.name'],
};

const VARIABLE = /\{\{\s*([a-z]+\.[a-zA-Z]+)\s*\}\}/g;

export type TemplateValues = Record<string, string | number | null | undefined>;

/** Fills the variables; a value the event does not have becomes empty text, never "undefined". */
export function renderTemplate(body: string, values: TemplateValues): string {
  return body.replace(VARIABLE, (_m, name: string) => {
    const v = values[name];
    return v === null || v === undefined ? '' : String(v);
  });
}

/** Variables the category cannot fill, and braces that are not a variable at all. */
export function templateProblems(body: string, category: TemplateCategory): { unknown: string[]; malformed: boolean } {
  const allowed = new Set(TEMPLATE_VARIABLES[category]);
  const unknown = [...body.matchAll(VARIABLE)].map((m) => m[1]!).filter((name) => !allowed.has(name));
  const malformed = /\{\{|\}\}/.test(body.replace(VARIABLE, ''));
  return { unknown: [...new Set(unknown)], malformed };
}

/** Made-up values for the preview: what a real message of the category would look like. */
export function sampleValues(): TemplateValues {
  return {
    'customer.name': 'Budi Santoso',
    'customer.number': 'C-000123',
    'customer.phone': '6281234567890',
    'customer.address': 'Jl. Melati No. 5, RW 05',
    'organization.name': 'Jaring Demo Net',
    'invoice.number': 'INV/202611/00042',
    'invoice.period': 'November 2026',
    'invoice.total': 'Rp 166.500',
    'invoice.outstanding': 'Rp 166.500',
    'invoice.due': '20 Nov 2026',
    'invoice.link': 'https://isp.example/i/contoh',
    'reminder.days': 3,
    'service.username': 'budi@demo',
    'service.password': 'rahasia1',
    'service.plan': 'Paket 20 Mbps',
    'service.expiry': '30 Nov 2026',
    'payment.amount': 'Rp 166.500',
    'payment.date': '18 Nov 2026 10.15',
    'payment.method': 'QRIS',
    'voucher.code': 'K7PX3M',
    'voucher.password': 'K7PX3M',
    'voucher.profile': '1 Hari',
    'voucher.validity': '1 hari',
    'voucher.price': 'Rp 5.000',
    'ticket.number': 'T-0091',
    'ticket.status': 'Diproses',
    'visit.number': 'SPK-000123',
    'visit.date': '20 Nov 2026',
    'visit.window': '08:00–12:00',
    'visit.technician': 'Agus',
    'outage.area': 'Perumahan Griya Asri',
    'outage.started': '18 Nov 2026 09.40',
    'outage.resolved': '18 Nov 2026 12.05',
    'wifi.name': 'Rumah Budi',
    'wifi.password': 'melati2026',
  };
}

/** The built-in wording, used until an organization writes its own. */
export const DEFAULT_TEMPLATES: Record<TemplateCategory, Record<Locale, string>> = {
  welcome: {
    id: 'Halo {{customer.name}}, selamat bergabung di {{organization.name}}!\nLayanan {{service.plan}} Anda sudah aktif.\nUsername: {{service.username}}\nPassword: {{service.password}}',
    en: 'Hello {{customer.name}}, welcome to {{organization.name}}!\nYour {{service.plan}} service is active.\nUsername: {{service.username}}\nPassword: {{service.password}}',
  },
  invoice: {
    id: 'Halo {{customer.name}}, tagihan {{invoice.number}} periode {{invoice.period}} sebesar {{invoice.total}}, jatuh tempo {{invoice.due}}.\nLihat & bayar: {{invoice.link}}\n— {{organization.name}}',
    en: 'Hello {{customer.name}}, invoice {{invoice.number}} for {{invoice.period}}: {{invoice.total}}, due {{invoice.due}}.\nView & pay: {{invoice.link}}\n— {{organization.name}}',
  },
  due_reminder: {
    id: 'Halo {{customer.name}}, tagihan {{invoice.number}} sebesar {{invoice.outstanding}} jatuh tempo {{reminder.days}} hari lagi ({{invoice.due}}).\nBayar: {{invoice.link}}',
    en: 'Hello {{customer.name}}, invoice {{invoice.number}} ({{invoice.outstanding}}) is due in {{reminder.days}} day(s) ({{invoice.due}}).\nPay: {{invoice.link}}',
  },
  isolation: {
    id: 'Halo {{customer.name}}, layanan internet Anda ({{service.username}}) kami isolir karena tagihan {{invoice.number}} sebesar {{invoice.outstanding}} belum dibayar.\nBayar di {{invoice.link}}, layanan aktif kembali otomatis.',
    en: 'Hello {{customer.name}}, your internet service ({{service.username}}) is suspended: invoice {{invoice.number}} ({{invoice.outstanding}}) is unpaid.\nPay at {{invoice.link}} and it reconnects automatically.',
  },
  reconnection: {
    id: 'Halo {{customer.name}}, terima kasih. Layanan {{service.plan}} ({{service.username}}) sudah aktif kembali.',
    en: 'Hello {{customer.name}}, thank you. Your {{service.plan}} service ({{service.username}}) is active again.',
  },
  payment_received: {
    id: 'Halo {{customer.name}}, pembayaran {{payment.amount}} ({{payment.method}}) pada {{payment.date}} sudah kami terima. Terima kasih!\n— {{organization.name}}',
    en: 'Hello {{customer.name}}, we received your payment of {{payment.amount}} ({{payment.method}}) on {{payment.date}}. Thank you!\n— {{organization.name}}',
  },
  voucher: {
    id: 'Voucher {{organization.name}}: kode {{voucher.code}}, paket {{voucher.profile}}, berlaku {{voucher.validity}}.',
    en: '{{organization.name}} voucher: code {{voucher.code}}, {{voucher.profile}}, valid {{voucher.validity}}.',
  },
  support: {
    id: 'Halo {{customer.name}}, tiket {{ticket.number}}: {{ticket.status}}.',
    en: 'Hello {{customer.name}}, ticket {{ticket.number}}: {{ticket.status}}.',
  },
  broadcast: {
    id: 'Halo {{customer.name}}, informasi dari {{organization.name}}: ',
    en: 'Hello {{customer.name}}, a notice from {{organization.name}}: ',
  },
  visit_scheduled: {
    id: 'Halo {{customer.name}}, kunjungan teknisi {{organization.name}} ({{visit.number}}) dijadwalkan {{visit.date}} pukul {{visit.window}}. Teknisi: {{visit.technician}}.',
    en: 'Hello {{customer.name}}, the {{organization.name}} technician visit ({{visit.number}}) is scheduled for {{visit.date}}, {{visit.window}}. Technician: {{visit.technician}}.',
  },
  technician_on_the_way: {
    id: 'Halo {{customer.name}}, teknisi {{organization.name}} ({{visit.technician}}) sedang menuju lokasi Anda untuk {{visit.number}}.',
    en: 'Hello {{customer.name}}, the {{organization.name}} technician ({{visit.technician}}) is on the way to you for {{visit.number}}.',
  },
  outage: {
    id: 'Halo {{customer.name}}, saat ini ada gangguan jaringan di area {{outage.area}} sejak {{outage.started}}. Teknisi kami sedang menanganinya; Anda tidak perlu melapor lagi. Kami kabari lagi setelah pulih.\n— {{organization.name}} ({{ticket.number}})',
    en: 'Hello {{customer.name}}, there is a network outage in {{outage.area}} since {{outage.started}}. Our technicians are working on it; no need to report it. We will let you know once it is fixed.\n— {{organization.name}} ({{ticket.number}})',
  },
  outage_resolved: {
    id: 'Halo {{customer.name}}, gangguan jaringan di area {{outage.area}} sudah pulih ({{outage.resolved}}). Jika internet Anda belum menyala, matikan lalu nyalakan modem. Mohon maaf atas ketidaknyamanannya.\n— {{organization.name}}',
    en: 'Hello {{customer.name}}, the network outage in {{outage.area}} is fixed ({{outage.resolved}}). If your internet is still down, switch your modem off and on again. Sorry for the trouble.\n— {{organization.name}}',
  },
  welcome_wifi: {
    id: 'Halo {{customer.name}}, selamat bergabung di {{organization.name}}!\nLayanan {{service.plan}} Anda sudah aktif.\nWiFi: {{wifi.name}}\nPassword WiFi: {{wifi.password}}\nUsername: {{service.username}}\nPassword: {{service.password}}',
    en: 'Hello {{customer.name}}, welcome to {{organization.name}}!\nYour {{service.plan}} service is active.\nWiFi: {{wifi.name}}\nWiFi password: {{wifi.password}}\nUsername: {{service.username}}\nPassword: {{service.password}}',
  },
  portal_code: {
    id: '{{code.value}} adalah kode masuk portal pelanggan {{organization.name}}. Berlaku {{code.minutes}} menit. Jangan berikan kode ini kepada siapa pun, termasuk petugas kami.',
    en: '{{code.value}} is your {{organization.name}} customer portal sign-in code. It is valid for {{code.minutes}} minutes. Never share this code with anyone, including our staff.',
  },
  assistant: {
    id: '{{reply.text}}\n— {{organization.name}}',
    en: '{{reply.text}}\n— {{organization.name}}',
  },
  inbox: {
    id: '{{reply.text}}\n— {{staff.name}}, {{organization.name}}',
    en: '{{reply.text}}\n— {{staff.name}}, {{organization.name}}',
  },
};
