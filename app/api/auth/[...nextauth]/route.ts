import NextAuth from 'next-auth';
import { authOptions } from '@/lib/auth/options';
import { withCappedBody } from '@/lib/server/body';

const handler = NextAuth(authOptions);
// Sign-in forms are a few hundred bytes; anyone can post here, so bodies stop at 16 KB.
const POST = withCappedBody(handler, 16 * 1024);

export { handler as GET, POST };
