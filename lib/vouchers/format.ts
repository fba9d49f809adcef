/** Durations on forms and cards, in whole units: "3 jam", "1 hari", "30 hari" (client-safe). */
const UNITS = [
  { minutes: 1440, id: 'hari', en: ['day', 'days'] },
  { minutes: 60, id: 'jam', en: ['hour', 'hours'] },
  { minutes: 1, id: 'menit', en: ['minute', 'minutes'] },
] as const;

export function formatMinutes(minutes: number, locale: 'id' | 'en' = 'id') {
  const unit = UNITS.find((u) => minutes % u.minutes === 0)!;
  const n = minutes / unit.minutes;
  return locale === 'id' ? `${n} ${unit.id}` : `${n} ${unit.en[n === 1 ? 0 : 1]}`;
}

/** Bytes as the card says it: "1 GB", "500 MB". */
export function formatQuotaBytes(bytes: number) {
  const gb = bytes / 1024 ** 3;
  return gb >= 1 ? `${Number(gb.toFixed(2))} GB` : `${Math.round(bytes / 1024 ** 2)} MB`;
}

/** The validity picker's units. */
export const VALIDITY_UNITS = [
  { key: 'minutes', minutes: 1 },
  { key: 'hours', minutes: 60 },
  { key: 'days', minutes: 1440 },
] as const;

/** The largest unit a stored validity is a whole number of (for editing). */
export function splitMinutes(minutes: number) {
  const unit = [...VALIDITY_UNITS].reverse().find((u) => minutes % u.minutes === 0)!;
  return { amount: minutes / unit.minutes, unit: unit.key };
}
