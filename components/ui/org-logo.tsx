/**
 * The organization's mark in the shell header: its uploaded logo, else the first letter of
 * its name on the brand colour. `logo` is the stored file name, so a new upload is a new URL.
 */
export function OrgLogo({ name, logo }: { name: string; logo: string | null }) {
  if (logo)
    return (
      // biome-ignore lint/performance/noImgElement: a private, authenticated file, not a static asset
      <img
        src={`/api/organization/logo?v=${encodeURIComponent(logo)}`}
        alt=""
        className="h-8 w-8 shrink-0 rounded-lg object-contain"
        data-testid="org-logo"
      />
    );
  return (
    <span aria-hidden className="grid h-8 w-8 shrink-0 place-items-center rounded-lg bg-brand-600 font-bold text-white">
      {(name.trim()[0] ?? 'J').toUpperCase()}
    </span>
  );
}
