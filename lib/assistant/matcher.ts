/**
 * What a customer's WhatsApp line asks for: a small keyword matcher, not an AI. The words
 * live in one table below; a message matches when, once lower-cased, stripped of
 * punctuation and of polite filler ("cek", "dong", "kak"), its words are a command's
 * phrase. Words of five letters or more may carry one typo (one letter missing, extra,
 * wrong or swapped: `tagihn`, `stauts`). Anything else is "not understood" and goes to
 * staff: a chatty "saya sudah bayar kemarin" must never be taken for a command.
 */

export const ASSISTANT_INTENTS = [
  'bill',
  'pay',
  'status',
  'plan',
  'menu',
  'report',
  'wifi',
  'wifi_help',
  'stop',
  'start',
  'confirm',
  'unknown',
] as const;
export type AssistantIntent = (typeof ASSISTANT_INTENTS)[number];

export type AssistantMatch =
  | { intent: Exclude<AssistantIntent, 'report' | 'wifi'> }
  | { intent: 'report'; text: string }
  | { intent: 'wifi'; ssid: string; password: string };

/** Whole-message phrases per command (Indonesian first, then English). */
export const COMMAND_PHRASES: Record<Exclude<AssistantIntent, 'wifi' | 'unknown'>, readonly string[]> = {
  bill: ['tagihan', 'tagihan saya', 'bill', 'billing', 'invoice', 'tunggakan'],
  pay: ['bayar', 'cara bayar', 'link bayar', 'pembayaran', 'pay', 'payment', 'pay link'],
  status: ['status', 'status internet', 'koneksi', 'status koneksi', 'status layanan'],
  plan: ['paket', 'paket saya', 'paket internet', 'plan', 'my plan'],
  menu: ['menu', 'help', 'bantuan', 'halo', 'hai', 'hello', 'hi', 'info'],
  report: ['lapor', 'gangguan', 'internet mati', 'wifi mati', 'koneksi mati', 'internet down', 'no internet'],
  wifi_help: ['ganti password', 'ganti wifi', 'ubah wifi', 'ganti sandi', 'password wifi', 'ubah password', 'wifi'],
  stop: ['stop', 'berhenti', 'unsubscribe'],
  start: ['mulai', 'start', 'subscribe'],
  confirm: ['ya', 'iya', 'yes', 'y'],
};

/** A report also hides inside a longer message: "internet saya mati dari pagi" is a report. */
const REPORT_ANYWHERE = ['gangguan', 'internet mati', 'wifi mati', 'koneksi mati', 'internet putus', 'no internet'];

/** Words people add around a command that change nothing. */
const FILLER = new Set([
  'cek',
  'check',
  'dong',
  'donk',
  'min',
  'admin',
  'kak',
  'ka',
  'mas',
  'mbak',
  'pak',
  'bu',
  'gan',
  'tolong',
  'mohon',
  'please',
  'pls',
  'saya',
  'sy',
  'aku',
  'my',
  'the',
  'berapa',
  'apa',
  'lihat',
  'liat',
  'show',
]);

/** The argument commands: the first word, then free text. */
const REPORT_VERBS = ['lapor', 'laporan', 'report'];
const WIFI_VERBS = ['wifi', 'wi-fi'];

export function normalizeText(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * True when `a` and `b` are at most one edit apart, a swap of two neighbours counting as one
 * (the optimal string alignment form of Damerau-Levenshtein, bounded at 1: a linear scan).
 */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // one letter wrong
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // swapped
  }
  const [long, short] = a.length > b.length ? [a, b] : [b, a];
  return long.slice(i + 1) === short.slice(i); // one letter extra or missing
}

/** A word as typed against a command's word: exact, or one typo for words of five letters or more. */
export function sameWord(typed: string, word: string): boolean {
  if (typed === word) return true;
  return word.length >= 5 && typed.length >= 4 && withinOneEdit(typed, word);
}

function samePhrase(words: string[], phrase: string): boolean {
  const target = phrase.split(' ');
  return words.length === target.length && target.every((w, i) => sameWord(words[i]!, w));
}

function containsPhrase(words: string[], phrase: string): boolean {
  const target = phrase.split(' ');
  for (let i = 0; i + target.length <= words.length; i++)
    if (target.every((w, j) => sameWord(words[i + j]!, w))) return true;
  return false;
}

/** The text after the first word, as typed (case and punctuation kept). */
function rest(text: string): string {
  return text
    .trim()
    .replace(/^\S+\s*/, '')
    .trim();
}

export function matchCommand(text: string): AssistantMatch {
  const raw = text.trim().slice(0, 2000);
  const words = normalizeText(raw).split(' ').filter(Boolean);
  if (words.length === 0) return { intent: 'unknown' };
  const first = words[0]!;

  // `wifi <name> <password>`: the last word is the password, the words between are the name.
  const typed = raw.split(/\s+/);
  if (WIFI_VERBS.includes(typed[0]!.toLowerCase()) && typed.length >= 3) {
    return { intent: 'wifi', ssid: typed.slice(1, -1).join(' '), password: typed.at(-1)! };
  }
  // `lapor <what happened>`
  if (words.length > 1 && REPORT_VERBS.some((v) => sameWord(first, v))) return { intent: 'report', text: rest(raw) };

  const meaningful = words.filter((w) => !FILLER.has(w));
  const candidates = meaningful.length > 0 ? meaningful : words;
  for (const [intent, phrases] of Object.entries(COMMAND_PHRASES) as [
    keyof typeof COMMAND_PHRASES,
    readonly string[],
  ][]) {
    if (!phrases.some((p) => samePhrase(candidates, p))) continue;
    if (intent === 'report') return { intent: 'report', text: raw };
    return { intent };
  }
  if (REPORT_ANYWHERE.some((p) => containsPhrase(words, p))) return { intent: 'report', text: raw };
  return { intent: 'unknown' };
}

/** The line as stored for staff to read: a WiFi password never sits in the inbox in clear. */
export function shownLine(text: string, match: AssistantMatch): string {
  if (match.intent !== 'wifi') return text;
  const at = text.lastIndexOf(match.password);
  return at < 0 ? text : `${text.slice(0, at)}••••••${text.slice(at + match.password.length)}`;
}
