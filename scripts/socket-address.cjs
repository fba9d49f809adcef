// Preloaded into the Next.js server by scripts/start.ts (`node --require`). Next hands route
// handlers and next-auth only the request headers, and keeps a client's own X-Forwarded-For,
// so the TCP peer's address is lost by the time sign-in runs. This stamps it on every
// request under a header of our own, overwriting anything a client sent under that name;
// lib/auth/ip.ts reads it (and trusts X-Forwarded-For only from TRUSTED_PROXIES).
const http = require('node:http');

const HEADER = 'x-jaring-socket-address';
const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function (event, req, ...rest) {
  if (event === 'request' && req && req.headers) req.headers[HEADER] = req.socket?.remoteAddress ?? '';
  return emit.call(this, event, req, ...rest);
};
// lib/env.ts: the header is only believed in a process where it is stamped.
process.env.SOCKET_ADDRESS_STAMPED = 'true';
