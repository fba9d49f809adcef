import type { PortalOrg } from './orgs';
import { DEFAULT_BRAND_COLOR } from './settings';

/**
 * The portal as an installable app (Web App Manifest): the organization's name and colour,
 * its logo as the icon when it has one, else Jaring's. Opens on the portal's home. No service
 * worker: install needs none in today's browsers, and a stale cached portal would show a
 * customer an old balance.
 */
export function portalManifest(org: PortalOrg) {
  const base = `/portal/${org.slug}`;
  const color = org.brandColor ?? DEFAULT_BRAND_COLOR;
  const icons = org.logoPath
    ? [{ src: `${base}/logo`, sizes: 'any', purpose: 'any' }]
    : [{ src: '/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }];
  return {
    id: base,
    name: org.name,
    short_name: org.name.length > 12 ? org.name.slice(0, 12).trim() : org.name,
    start_url: base,
    scope: `${base}`,
    display: 'standalone',
    background_color: '#ffffff',
    theme_color: color,
    icons,
  };
}
