/** The visitor's address as the reverse proxy reports it (first X-Forwarded-For hop). */
export function clientIp(header: (name: string) => string | null | undefined): string | null {
  const forwarded = header('x-forwarded-for');
  if (forwarded) return forwarded.split(',')[0]!.trim() || null;
  return header('x-real-ip') ?? null;
}
