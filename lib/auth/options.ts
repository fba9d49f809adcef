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
      credentials: { email: { type: 'email' }, password: { type: 'password' } },
      async authorize(credentials, req) {
        const result = await authenticate(getDb(), {
          email: credentials?.email ?? '',
          password: credentials?.password ?? '',
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
    jwt({ token, user }) {
      if (user) token.uid = user.id;
      return token;
    },
    session({ session, token }) {
      if (session.user) (session.user as { id?: string }).id = token.uid as string;
      return session;
    },
  },
};
