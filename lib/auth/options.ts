import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { getDb } from '@/db/client';
import { authenticate } from './authenticate';
import { clientIp } from './ip';

export const authOptions: NextAuthOptions = {
  session: { strategy: 'jwt', maxAge: 30 * 24 * 60 * 60 },
  pages: { signIn: '/login' },
  providers: [
    CredentialsProvider({
      name: 'Email',
      credentials: { email: { type: 'email' }, password: { type: 'password' }, otp: { type: 'text' } },
      async authorize(credentials, req) {
        const result = await authenticate(getDb(), {
          email: credentials?.email ?? '',
          password: credentials?.password ?? '',
          otp: credentials?.otp ?? '',
          ip: clientIp((name) => {
            const value = req.headers?.[name];
            return Array.isArray(value) ? value[0] : value;
          }),
        });
        // next-auth passes the thrown message to the sign-in form as `error`.
        if (!result.ok) throw new Error(result.error);
        return result.user;
      },
    }),
  ],
  callbacks: {
    // The token carries the user's session version; lib/auth/session refuses it once the
    // version moves on (signed out everywhere, password reset).
    jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.sv = (user as { sessionVersion?: number }).sessionVersion ?? 0;
      }
      return token;
    },
    session({ session, token }) {
      if (session.user)
        Object.assign(session.user, { id: token.uid as string, sv: (token.sv as number | undefined) ?? 0 });
      return session;
    },
  },
};
