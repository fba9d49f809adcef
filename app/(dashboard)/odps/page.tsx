import { redirect } from 'next/navigation';
import { requirePage } from '@/lib/auth/context';

/** The ODP list moved to Jaringan (/network); old links and bookmarks land there. */
export default async function OdpsPage() {
  await requirePage('odps.view');
  redirect('/network');
}
