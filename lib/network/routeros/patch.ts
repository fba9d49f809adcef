import { Channel, Connector, Receiver } from 'node-routeros';

/**
 * Run-time fixes to node-routeros 1.6.9, applied once before the first connection. Each one
 * replaces a `throw` or a lost detail inside the library's socket handlers, where an
 * exception is uncaught and ends the whole worker process.
 *
 * 1. RouterOS 7.18+ answers a print with no rows with `!empty` before `!done`. The library
 *    treats `!empty` as an unknown reply: it throws UNKNOWNREPLY and stops reading the tag,
 *    so the `!done` that follows throws UNREGISTEREDTAG. We skip `!empty`; `!done` then
 *    resolves the command with no rows, exactly as on older RouterOS.
 * 2. Any other unknown reply fails that command (as a trap would) instead of throwing.
 * 3. A reply for a tag nobody reads any more (a command we gave up on after our own
 *    timeout) is dropped instead of throwing UNREGISTEREDTAG.
 * 4. Socket errors keep their `code` (ECONNREFUSED, ERR_SSL_…): the library wraps them in a
 *    RosException that keeps only the numeric errno, which is not enough to tell an operator
 *    "bad TLS" from "connection refused".
 * 5. A socket error after the connector gave up (e.g. a TLS reset arriving after a timeout)
 *    is re-emitted on a connector with no listeners left, which throws. It is dropped.
 * 6. A command goes out in one socket write instead of one write per word: with no-delay
 *    set, per-word writes cost a syscall and a TCP segment each, which dominated bulk work.
 */
type Patched = { __jaringPatched?: boolean };
type ChannelInternals = {
  processPacket(packet: string[]): void;
  emit(event: string, data: unknown): boolean;
  close(): void;
};
type ReceiverInternals = {
  tags: Map<string, unknown>;
  cleanUp(): void;
  sendTagData(tag: string): void;
  currentPacket: string[];
};
type ConnectorInternals = { emit(event: string, ...args: unknown[]): boolean; destroy(): void };
type TransmitterInternals = {
  socket: { writable: boolean; write(b: Buffer): boolean };
  pool: Buffer[];
  encodeString(word: string | null): Buffer | string;
};

export function patchNodeRouterOs() {
  const channel = Channel.prototype as unknown as ChannelInternals & Patched;
  if (channel.__jaringPatched) return;
  channel.__jaringPatched = true;

  const processPacket = channel.processPacket;
  channel.processPacket = function (this: ChannelInternals, packet: string[]) {
    const reply = packet[0];
    if (reply === '!empty') return;
    if (reply === '!re' || reply === '!done' || reply === '!trap') return processPacket.call(this, packet);
    this.emit('trap', { message: `unknown reply ${reply ?? '(none)'}` });
    this.close();
  };
  // The constructor binds onUnknown to the 'unknown' event; with (2) it is never emitted.
  (Channel.prototype as unknown as { onUnknown: () => void }).onUnknown = () => {};

  const receiver = Receiver.prototype as unknown as ReceiverInternals;
  const sendTagData = receiver.sendTagData;
  receiver.sendTagData = function (this: ReceiverInternals, tag: string) {
    if (!this.tags.has(tag)) {
      this.cleanUp();
      return;
    }
    sendTagData.call(this, tag);
  };

  const connector = Connector.prototype as unknown as ConnectorInternals & {
    onError(err: NodeJS.ErrnoException): void;
    write(words: string[]): unknown;
  };
  connector.write = function (this: { transmitter: TransmitterInternals }, words: string[]) {
    const t = this.transmitter;
    const sentence = Buffer.concat([...words.map((w) => t.encodeString(w) as Buffer), Buffer.from([0])]);
    // Same rule as the library: keep order behind anything queued before the socket connected.
    if (!t.socket.writable || t.pool.length > 0) t.pool.push(sentence);
    else t.socket.write(sentence);
    return this;
  };
  connector.onError = function (this: ConnectorInternals, err: NodeJS.ErrnoException) {
    const wrapped = Object.assign(new Error(err.message), { code: err.code, errno: err.errno, cause: err });
    if ((this as unknown as { listenerCount(e: string): number }).listenerCount('error') > 0)
      this.emit('error', wrapped, this);
    this.destroy();
  };
}
