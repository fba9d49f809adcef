/**
 * A stand-in for WhatsApp's web socket, at the socket level: Baileys connects to it through
 * its `waWebSocketUrl` option and speaks the real wire protocol. Frames (3-byte length), the
 * Noise XX handshake (we are the responder), binary nodes, QR pairing with a correctly
 * signed ADV device identity, login, pre-key and device queries, message acks and receipts.
 *
 * Baileys checks the server's Noise certificate only by its issuer serial (0), so a
 * certificate chain with empty keys and signatures passes; everything else is real crypto.
 */
import { randomBytes, randomInt } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import {
  aesDecryptGCM,
  aesEncryptGCM,
  type BinaryNode,
  Curve,
  DEFAULT_CONNECTION_CONFIG,
  decodeBinaryNode,
  encodeBinaryNode,
  getBinaryNodeChild,
  getBinaryNodeChildren,
  hkdf,
  hmacSign,
  initAuthCreds,
  jidDecode,
  NOISE_MODE,
  parseAndInjectE2ESessions,
  proto,
  S_WHATSAPP_NET,
  type SignalDataTypeMap,
  type SignalKeyStore,
  sha256,
  unpadRandomMax16,
  writeRandomPadMax16,
  xmppPreKey,
  xmppSignedPreKey,
} from '@whiskeysockets/baileys';
import { type WebSocket, WebSocketServer } from 'ws';

type KeyPair = ReturnType<typeof Curve.generateKeyPair>;

/** The server side of WhatsApp's Noise XX: the same key schedule as Baileys' noise handler, keys swapped at the end. */
class ServerNoise {
  private hash: Buffer;
  private salt: Buffer;
  private encKey: Buffer;
  private decKey: Buffer;
  private readCounter = 0;
  private writeCounter = 0;
  finished = false;

  constructor() {
    const mode = Buffer.from(NOISE_MODE);
    this.hash = mode.length === 32 ? mode : sha256(mode);
    this.salt = this.hash;
    this.encKey = this.hash;
    this.decKey = this.hash;
  }

  authenticate(data: Uint8Array) {
    if (!this.finished) this.hash = sha256(Buffer.concat([this.hash, data]));
  }

  encrypt(plain: Uint8Array): Buffer {
    const out = aesEncryptGCM(plain, this.encKey, iv(this.writeCounter++), this.hash);
    this.authenticate(out);
    return out;
  }

  decrypt(cipher: Uint8Array): Buffer {
    // Before the handshake ends both directions share one counter, as in Baileys.
    const counter = this.finished ? this.readCounter++ : this.writeCounter++;
    const out = aesDecryptGCM(Buffer.from(cipher), this.decKey, iv(counter), this.hash);
    this.authenticate(cipher);
    return out;
  }

  async mixIntoKey(data: Uint8Array) {
    const key = await hkdf(Buffer.from(data), 64, { salt: this.salt, info: '' });
    this.salt = key.subarray(0, 32);
    this.encKey = this.decKey = key.subarray(32);
    this.readCounter = this.writeCounter = 0;
  }

  async finish() {
    const key = await hkdf(Buffer.alloc(0), 64, { salt: this.salt, info: '' });
    // The client writes with the first half: that is what we read with.
    this.decKey = key.subarray(0, 32);
    this.encKey = key.subarray(32);
    this.hash = Buffer.alloc(0);
    this.readCounter = this.writeCounter = 0;
    this.finished = true;
  }
}

function iv(counter: number): Uint8Array {
  const out = new Uint8Array(12);
  new DataView(out.buffer).setUint32(8, counter);
  return out;
}

export type ReceivedMessage = { id: string; to: string; type: string; devices: string[]; text: string | null };
/** What a linked device uploaded for others to start a Signal session with it. */
type DeviceBundle = { registration: BinaryNode; identity: BinaryNode; signedPreKey: BinaryNode; preKeys: BinaryNode[] };
type Device = {
  jid: string;
  noisePublic: Buffer;
  identityPublic: Buffer;
  preKeys: number;
  bundle?: DeviceBundle;
  /** The account's phone has shared its app-state key and history notice with this device. */
  bootstrapped?: Promise<void>;
};
export type DeviceReceipt = { id: string; to: string; type: string | undefined; from: string };
type PendingPair = { conn: Connection; noisePublic: Buffer; identityPublic: Buffer; refs: string[] };

class Connection {
  private noise = new ServerNoise();
  private inBytes = Buffer.alloc(0);
  private sawIntro = false;
  private step: 'hello' | 'finish' | 'open' = 'hello';
  private ephemeral: KeyPair = Curve.generateKeyPair();
  private clientNoise: Buffer | null = null;
  private waiters = new Map<string, (node: BinaryNode) => void>();
  device: Device | null = null;
  closed = false;

  constructor(
    private readonly server: WhatsAppServer,
    private readonly ws: WebSocket,
  ) {
    ws.on('message', (data: Buffer) => void this.onData(data).catch((error) => this.fail(error)));
    ws.on('close', () => {
      this.closed = true;
      this.server.connections.delete(this);
    });
  }

  private fail(error: unknown) {
    this.server.errors.push(error instanceof Error ? error : new Error(String(error)));
    this.ws.terminate();
  }

  private async onData(data: Buffer) {
    this.inBytes = Buffer.concat([this.inBytes, data]);
    if (!this.sawIntro) {
      if (this.inBytes.length < 4) return;
      // "WA", protocol 6, dictionary 2 — sent once before the first frame.
      this.inBytes = this.inBytes.subarray(4);
      this.sawIntro = true;
    }
    while (this.inBytes.length >= 3) {
      const size = (this.inBytes[0] << 16) | this.inBytes.readUInt16BE(1);
      if (this.inBytes.length < size + 3) return;
      const frame = this.inBytes.subarray(3, size + 3);
      this.inBytes = this.inBytes.subarray(size + 3);
      await this.onFrame(frame);
    }
  }

  private sendFrame(data: Uint8Array) {
    const body = this.noise.finished ? this.noise.encrypt(data) : Buffer.from(data);
    const frame = Buffer.alloc(3 + body.length);
    frame.writeUInt8(body.length >> 16, 0);
    frame.writeUInt16BE(body.length & 0xffff, 1);
    frame.set(body, 3);
    this.ws.send(frame);
  }

  send(node: BinaryNode) {
    if (!this.closed) this.sendFrame(encodeBinaryNode(node));
  }

  /** Sends an iq and waits for the client's answer. */
  query(node: BinaryNode): Promise<BinaryNode> {
    const id = node.attrs.id ?? randomBytes(4).toString('hex');
    node.attrs.id = id;
    return new Promise((resolve) => {
      this.waiters.set(id, resolve);
      this.send(node);
    });
  }

  close() {
    this.ws.close();
  }

  private async onFrame(frame: Buffer) {
    if (this.step === 'hello') return this.onClientHello(frame);
    if (this.step === 'finish') return this.onClientFinish(frame);
    const node = await decodeBinaryNode(this.noise.decrypt(frame));
    const waiter = node.attrs.id ? this.waiters.get(node.attrs.id) : undefined;
    if (waiter && node.tag === 'iq') {
      this.waiters.delete(node.attrs.id);
      waiter(node);
      return;
    }
    await this.server.handleNode(this, node);
  }

  private async onClientHello(frame: Buffer) {
    const { clientHello } = proto.HandshakeMessage.decode(frame);
    if (!clientHello?.ephemeral) throw new Error('expected a client hello');
    this.noise.authenticate(Buffer.from([87, 65, 6, 2]));
    this.noise.authenticate(clientHello.ephemeral);
    this.noise.authenticate(this.ephemeral.public);
    await this.noise.mixIntoKey(Curve.sharedKey(this.ephemeral.private, Buffer.from(clientHello.ephemeral)));
    const staticEnc = this.noise.encrypt(this.server.staticKey.public);
    await this.noise.mixIntoKey(Curve.sharedKey(this.server.staticKey.private, Buffer.from(clientHello.ephemeral)));
    const details = proto.CertChain.NoiseCertificate.Details.encode({
      serial: 1,
      issuerSerial: 0,
      key: this.server.staticKey.public,
    }).finish();
    const certificate = proto.CertChain.encode({
      leaf: { details, signature: Buffer.alloc(64) },
      intermediate: { details, signature: Buffer.alloc(64) },
    }).finish();
    const payloadEnc = this.noise.encrypt(certificate);
    this.step = 'finish';
    this.sendFrame(
      proto.HandshakeMessage.encode({
        serverHello: { ephemeral: this.ephemeral.public, static: staticEnc, payload: payloadEnc },
      }).finish(),
    );
  }

  private async onClientFinish(frame: Buffer) {
    const { clientFinish } = proto.HandshakeMessage.decode(frame);
    if (!clientFinish?.static || !clientFinish.payload) throw new Error('expected a client finish');
    this.clientNoise = this.noise.decrypt(clientFinish.static);
    await this.noise.mixIntoKey(Curve.sharedKey(this.ephemeral.private, this.clientNoise));
    const payload = proto.ClientPayload.decode(this.noise.decrypt(clientFinish.payload));
    await this.noise.finish();
    this.step = 'open';
    if (payload.devicePairingData)
      this.server.startPairing(this, this.clientNoise, Buffer.from(payload.devicePairingData.eIdent!));
    else this.server.login(this, this.clientNoise, `${payload.username}:${payload.device ?? 0}`);
  }
}

export type WhatsAppServerOptions = {
  /** Ack every message node (the server took the message); false: stay silent. */
  ackMessages?: boolean;
};

export class WhatsAppServer {
  readonly staticKey: KeyPair = Curve.generateKeyPair();
  readonly connections = new Set<Connection>();
  readonly received: ReceivedMessage[] = [];
  /** Receipts the linked devices sent (for messages phones wrote to them). */
  readonly deviceReceipts: DeviceReceipt[] = [];
  readonly errors: Error[] = [];
  ackMessages: boolean;
  /** How many times a client asked to be paired (was shown a QR). */
  pairingRequests = 0;
  private wss: WebSocketServer | null = null;
  private pending = new Map<string, PendingPair>();
  private devices = new Map<string, Device>();
  private accounts = new Map<string, KeyPair>();
  private recipients = new Map<string, Recipient>();
  private messageWaiters: (() => void)[] = [];
  url = '';

  constructor(options: WhatsAppServerOptions = {}) {
    this.ackMessages = options.ackMessages ?? true;
  }

  async start(): Promise<this> {
    this.wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => this.wss!.once('listening', resolve));
    this.url = `ws://127.0.0.1:${(this.wss.address() as AddressInfo).port}/ws/chat`;
    this.wss.on('connection', (ws) => this.connections.add(new Connection(this, ws)));
    return this;
  }

  async stop() {
    for (const conn of this.connections) conn.close();
    await new Promise<void>((resolve) => (this.wss ? this.wss.close(() => resolve()) : resolve()));
  }

  /** Linked devices of a phone number (the companions paired with it). */
  linkedDevices(phone: string): string[] {
    return [...this.devices.values()].filter((d) => jidDecode(d.jid)?.user === phone).map((d) => d.jid);
  }

  /** The phone removes the linked device (Linked devices → Log out): its connection drops, its logins fail. */
  unlink(jid: string) {
    const { user, device } = jidDecode(jid) ?? {};
    this.devices.delete(`${user}:${device ?? 0}`);
    for (const conn of this.connections) if (conn.device?.jid === jid) conn.close();
  }

  startPairing(conn: Connection, noisePublic: Buffer, identityPublic: Buffer) {
    this.pairingRequests += 1;
    const refs = Array.from({ length: 6 }, () => `2@${randomBytes(24).toString('base64')}`);
    for (const ref of refs) this.pending.set(ref, { conn, noisePublic, identityPublic, refs });
    conn.send({
      tag: 'iq',
      attrs: { from: S_WHATSAPP_NET, type: 'set', id: randomBytes(4).toString('hex'), xmlns: 'md' },
      content: [
        {
          tag: 'pair-device',
          attrs: {},
          content: refs.map((ref) => ({ tag: 'ref', attrs: {}, content: Buffer.from(ref) })),
        },
      ],
    });
  }

  /**
   * What the phone does when it scans the QR: signs the companion's identity with the
   * account key, MACs it with the QR's ADV secret, and the server restarts the stream.
   */
  async scan(qr: string, phone: string): Promise<string> {
    const [ref, noiseB64, identityB64, advB64] = qr.split(',');
    const pending = this.pending.get(ref);
    if (!pending || pending.conn.closed) throw new Error('QR is not (or no longer) shown by a connected client');
    if (
      !Buffer.from(noiseB64, 'base64').equals(pending.noisePublic) ||
      !Buffer.from(identityB64, 'base64').equals(pending.identityPublic)
    ) {
      throw new Error('QR keys do not match the connection');
    }
    const account = this.accounts.get(phone) ?? Curve.generateKeyPair();
    this.accounts.set(phone, account);
    const deviceNo = this.linkedDevices(phone).length + 1;
    const jid = `${phone}:${deviceNo}@s.whatsapp.net`;
    const details = proto.ADVDeviceIdentity.encode({
      rawId: randomInt(2 ** 31),
      timestamp: Math.floor(Date.now() / 1000),
      keyIndex: deviceNo,
    }).finish();
    const accountSignature = Curve.sign(
      account.private,
      Buffer.concat([Buffer.from([6, 0]), details, pending.identityPublic]),
    );
    const signed = proto.ADVSignedDeviceIdentity.encode({
      details,
      accountSignatureKey: account.public,
      accountSignature,
    }).finish();
    const hmac = hmacSign(Buffer.from(signed), Buffer.from(advB64, 'base64'));
    const reply = await pending.conn.query({
      tag: 'iq',
      attrs: { from: S_WHATSAPP_NET, type: 'set', xmlns: 'md' },
      content: [
        {
          tag: 'pair-success',
          attrs: {},
          content: [
            {
              tag: 'device-identity',
              attrs: {},
              content: proto.ADVSignedDeviceIdentityHMAC.encode({ details: signed, hmac }).finish(),
            },
            { tag: 'platform', attrs: { name: 'android' } },
            { tag: 'device', attrs: { jid } },
          ],
        },
      ],
    });
    const sign = getBinaryNodeChild(getBinaryNodeChild(reply, 'pair-device-sign'), 'device-identity');
    if (!sign?.content) throw new Error('client did not sign the device identity');
    const back = proto.ADVSignedDeviceIdentity.decode(sign.content as Uint8Array);
    const deviceMsg = Buffer.concat([Buffer.from([6, 1]), details, pending.identityPublic, account.public]);
    if (!Curve.verify(pending.identityPublic, deviceMsg, Buffer.from(back.deviceSignature!)))
      throw new Error('bad device signature');
    for (const r of pending.refs) this.pending.delete(r);
    this.devices.set(`${phone}:${deviceNo}`, {
      jid,
      noisePublic: pending.noisePublic,
      identityPublic: pending.identityPublic,
      preKeys: 0,
    });
    // As WhatsApp does: "restart required", the client logs in on a new connection.
    pending.conn.send({ tag: 'stream:error', attrs: { code: '515' } });
    pending.conn.close();
    return jid;
  }

  login(conn: Connection, noisePublic: Buffer, userDevice: string) {
    const device = this.devices.get(userDevice);
    if (!device?.noisePublic.equals(noisePublic)) {
      // 401: the device was unlinked (logged out) — Baileys reports DisconnectReason.loggedOut.
      conn.send({ tag: 'failure', attrs: { reason: '401' } });
      conn.close();
      return;
    }
    conn.device = device;
    conn.send({
      tag: 'success',
      attrs: { t: String(Math.floor(Date.now() / 1000)), props: '1', abprops: '1', location: 'test' },
    });
    // No messages were waiting while the device was away: the end-of-offline marker.
    conn.send({ tag: 'ib', attrs: { from: S_WHATSAPP_NET }, content: [{ tag: 'offline', attrs: { count: '0' } }] });
  }

  async handleNode(conn: Connection, node: BinaryNode) {
    if (node.tag === 'iq') return this.handleIq(conn, node);
    if (node.tag === 'message') return this.handleMessage(conn, node);
    if (node.tag === 'receipt' && conn.device)
      this.deviceReceipts.push({ id: node.attrs.id, to: node.attrs.to, type: node.attrs.type, from: conn.device.jid });
    // presence, acks and the like: nothing to answer.
  }

  private result(node: BinaryNode, content?: BinaryNode[]): BinaryNode {
    return { tag: 'iq', attrs: { from: S_WHATSAPP_NET, type: 'result', id: node.attrs.id }, content };
  }

  private async handleIq(conn: Connection, node: BinaryNode) {
    const child = Array.isArray(node.content) ? node.content[0] : undefined;
    const { xmlns, type } = node.attrs;
    if (xmlns === 'encrypt' && type === 'get' && child?.tag === 'count') {
      return conn.send(this.result(node, [{ tag: 'count', attrs: { value: String(conn.device?.preKeys ?? 0) } }]));
    }
    if (xmlns === 'encrypt' && type === 'set' && conn.device) {
      const keys = getBinaryNodeChildren(getBinaryNodeChild(node, 'list'), 'key');
      conn.device.preKeys += keys.length;
      const device = conn.device;
      device.bundle = {
        registration: getBinaryNodeChild(node, 'registration')!,
        identity: getBinaryNodeChild(node, 'identity')!,
        signedPreKey: getBinaryNodeChild(node, 'skey')!,
        preKeys: [...(device.bundle?.preKeys ?? []), ...keys],
      };
      conn.send(this.result(node));
      // The first time the device can be written to, its account's phone greets it.
      device.bootstrapped ??= this.bootstrap(conn, device).catch((error) => {
        this.errors.push(error);
      });
      return;
    }
    if (xmlns === 'w:sync:app:state') {
      // No app state to hand over: every collection asked for is at its version, without patches.
      const collections = getBinaryNodeChildren(getBinaryNodeChild(node, 'sync'), 'collection').map((c) => ({
        tag: 'collection',
        attrs: { name: c.attrs.name, version: c.attrs.version ?? '0' },
      }));
      return conn.send(this.result(node, [{ tag: 'sync', attrs: {}, content: collections }]));
    }
    if (xmlns === 'encrypt' && type === 'get' && child?.tag === 'key') {
      const users = getBinaryNodeChildren(child, 'user').map((u) => this.recipient(u.attrs.jid).bundle(u.attrs.jid));
      return conn.send(this.result(node, [{ tag: 'list', attrs: {}, content: users }]));
    }
    if (xmlns === 'usync') {
      // Every number has one device (its phone, device 0); the linked device asking is left out by Baileys.
      const users = getBinaryNodeChildren(getBinaryNodeChild(getBinaryNodeChild(node, 'usync'), 'list'), 'user').map(
        (u) => ({
          tag: 'user',
          attrs: { jid: u.attrs.jid },
          content: [
            {
              tag: 'devices',
              attrs: {},
              content: [{ tag: 'device-list', attrs: {}, content: [{ tag: 'device', attrs: { id: '0' } }] }],
            },
          ],
        }),
      );
      return conn.send(
        this.result(node, [{ tag: 'usync', attrs: {}, content: [{ tag: 'list', attrs: {}, content: users }] }]),
      );
    }
    if (xmlns === 'md' && child?.tag === 'remove-companion-device') {
      const { user, device } = jidDecode(child.attrs.jid) ?? {};
      this.devices.delete(`${user}:${device ?? 0}`);
      return conn.send(this.result(node));
    }
    // Pings, passive/active, props, privacy, blocklist: an empty result is enough.
    conn.send(this.result(node));
  }

  private recipient(jid: string): Recipient {
    let r = this.recipients.get(jid);
    if (!r) {
      r = makeRecipient();
      this.recipients.set(jid, r);
    }
    return r;
  }

  private async handleMessage(conn: Connection, node: BinaryNode) {
    const to = node.attrs.to;
    const devices: string[] = [];
    let text: string | null = null;
    for (const participant of getBinaryNodeChildren(getBinaryNodeChild(node, 'participants'), 'to')) {
      devices.push(participant.attrs.jid);
      const enc = getBinaryNodeChild(participant, 'enc');
      // The recipient's phone (device 0 of `to`) decrypts what it got, as a real phone would.
      if (enc && participant.attrs.jid === to && text === null) {
        const message = await this.recipient(to).decrypt(
          conn.device?.jid ?? '',
          enc.attrs.type,
          Buffer.from(enc.content as Uint8Array),
        );
        text = message?.conversation || message?.extendedTextMessage?.text || null;
      }
    }
    this.received.push({ id: node.attrs.id, to, type: node.attrs.type, devices, text });
    for (const wake of this.messageWaiters.splice(0)) wake();
    if (this.ackMessages) {
      conn.send({
        tag: 'ack',
        attrs: { class: 'message', id: node.attrs.id, from: to, t: String(Math.floor(Date.now() / 1000)) },
      });
    }
  }

  /**
   * What the account's phone sends a newly linked device: its app-state key, then a history
   * notice (nothing to download: the worker syncs no history). Baileys holds incoming
   * messages back until it has both, as with a real phone.
   */
  private async bootstrap(conn: Connection, device: Device) {
    const phone = jidDecode(device.jid)!.user;
    const now = Date.now();
    const keyShare = proto.Message.encode({
      protocolMessage: {
        type: proto.Message.ProtocolMessage.Type.APP_STATE_SYNC_KEY_SHARE,
        appStateSyncKeyShare: {
          keys: [
            {
              keyId: { keyId: randomBytes(6) },
              keyData: { keyData: randomBytes(32), fingerprint: { rawId: 1, currentIndex: 0 }, timestamp: now },
            },
          ],
        },
      },
    }).finish();
    const history = proto.Message.encode({
      protocolMessage: {
        type: proto.Message.ProtocolMessage.Type.HISTORY_SYNC_NOTIFICATION,
        historySyncNotification: { syncType: proto.HistorySync.HistorySyncType.PUSH_NAME, chunkOrder: 0 },
      },
    }).finish();
    for (const body of [keyShare, history]) await this.deliver(conn, device, phone, body, { category: 'peer' });
  }

  /** Encrypts `message` from `fromPhone`'s phone to the device and hands it over the device's connection. */
  private async deliver(
    conn: Connection,
    device: Device,
    fromPhone: string,
    message: Uint8Array,
    opts: { id?: string; category?: string; pushName?: string } = {},
  ) {
    const id = opts.id ?? randomBytes(10).toString('hex').toUpperCase();
    const from = `${fromPhone}@s.whatsapp.net`;
    const { type, ciphertext } = await this.recipient(from).encrypt(device, writeRandomPadMax16(message));
    conn.send({
      tag: 'message',
      attrs: {
        id,
        from,
        t: String(Math.floor(Date.now() / 1000)),
        type: 'text',
        ...(opts.category ? { category: opts.category } : {}),
        ...(opts.pushName ? { notify: opts.pushName } : {}),
      },
      content: [{ tag: 'enc', attrs: { v: '2', type }, content: ciphertext }],
    });
    return id;
  }

  /**
   * A customer's phone writes `text` to `toPhone`: every connected linked device of that
   * number gets it. Resolves with the message id once it was handed over (`id` repeats a
   * delivery, as WhatsApp does when it did not see the device's ack).
   */
  async sendFromPhone(fromPhone: string, toPhone: string, text: string, opts: { id?: string; pushName?: string } = {}) {
    const deadline = Date.now() + 10_000;
    let targets: Connection[] = [];
    while (Date.now() < deadline) {
      targets = [...this.connections].filter(
        (c) => c.device?.bundle && c.device.bootstrapped && jidDecode(c.device.jid)?.user === toPhone,
      );
      if (targets.length) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    if (!targets.length) throw new Error(`no linked device of ${toPhone} is connected and ready`);
    const id = opts.id ?? randomBytes(10).toString('hex').toUpperCase();
    const message = proto.Message.encode({ conversation: text }).finish();
    for (const conn of targets) {
      await conn.device!.bootstrapped;
      await this.deliver(conn, conn.device!, fromPhone, message, { id, pushName: opts.pushName });
    }
    return id;
  }

  /** Resolves once `count` messages reached the server. */
  async waitForMessages(count: number, timeoutMs = 10_000) {
    const deadline = Date.now() + timeoutMs;
    while (this.received.length < count) {
      if (Date.now() > deadline) throw new Error(`stand-in received ${this.received.length} of ${count} messages`);
      await new Promise<void>((resolve) => {
        this.messageWaiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }

  /** The recipient's phone reports a message delivered (or read) to the sender's devices. */
  sendReceipt(messageId: string, from: string, type: 'delivered' | 'read') {
    const receipt: BinaryNode = {
      tag: 'receipt',
      attrs: {
        id: messageId,
        from,
        t: String(Math.floor(Date.now() / 1000)),
        ...(type === 'read' ? { type: 'read' } : {}),
      },
    };
    for (const conn of this.connections) if (conn.device) conn.send(receipt);
  }
}

/**
 * A number's phone as far as Signal goes: its identity, signed pre-key and one-time pre-keys
 * (what the key query hands out), and Baileys' own libsignal repository to decrypt what the
 * linked device encrypted for it.
 */
type Recipient = {
  bundle: (jid: string) => BinaryNode;
  decrypt: (fromJid: string, type: string, ciphertext: Buffer) => Promise<proto.IMessage | null>;
  /** Encrypts to a linked device: over the session they share, else a new one from the device's uploaded pre-keys. */
  encrypt: (device: Device, plain: Uint8Array) => Promise<{ type: 'pkmsg' | 'msg'; ciphertext: Uint8Array }>;
};

function makeRecipient(): Recipient {
  const creds = initAuthCreds();
  const store = new Map<string, unknown>();
  const keys: SignalKeyStore = {
    get: async <T extends keyof SignalDataTypeMap>(type: T, ids: string[]) => {
      const out: { [id: string]: SignalDataTypeMap[T] } = {};
      for (const id of ids) {
        const value = store.get(`${type}:${id}`);
        if (value) out[id] = value as SignalDataTypeMap[T];
      }
      return out;
    },
    set: async (data) => {
      for (const [type, entries] of Object.entries(data)) {
        for (const [id, value] of Object.entries(entries ?? {})) {
          if (value) store.set(`${type}:${id}`, value);
          else store.delete(`${type}:${id}`);
        }
      }
    },
  };
  const repository = DEFAULT_CONNECTION_CONFIG.makeSignalRepository({ creds, keys });
  let nextPreKey = 1;
  return {
    bundle: (jid) => {
      const preKeyId = nextPreKey++;
      const preKey = Curve.generateKeyPair();
      store.set(`pre-key:${preKeyId}`, preKey);
      const registration = Buffer.alloc(4);
      registration.writeUInt32BE(creds.registrationId);
      return {
        tag: 'user',
        attrs: { jid },
        content: [
          { tag: 'registration', attrs: {}, content: registration },
          { tag: 'type', attrs: {}, content: Buffer.from([5]) },
          { tag: 'identity', attrs: {}, content: creds.signedIdentityKey.public },
          xmppSignedPreKey(creds.signedPreKey),
          xmppPreKey(preKey, preKeyId),
        ],
      };
    },
    encrypt: async (device, plain) => {
      const address = repository.jidToSignalProtocolAddress(device.jid);
      if (!store.has(`session:${address}`)) {
        const bundle = device.bundle;
        const preKey = bundle?.preKeys.shift();
        if (!bundle || !preKey) throw new Error(`${device.jid} uploaded no pre-key to start a session with`);
        const user: BinaryNode = {
          tag: 'user',
          attrs: { jid: device.jid },
          content: [bundle.registration, bundle.identity, bundle.signedPreKey, preKey],
        };
        await parseAndInjectE2ESessions(
          { tag: 'iq', attrs: {}, content: [{ tag: 'list', attrs: {}, content: [user] }] },
          repository,
        );
      }
      return repository.encryptMessage({ jid: device.jid, data: Buffer.from(plain) });
    },
    decrypt: async (fromJid, type, ciphertext) => {
      try {
        const plain = await repository.decryptMessage({ jid: fromJid, type: type as 'pkmsg' | 'msg', ciphertext });
        return proto.Message.decode(unpadRandomMax16(plain));
      } catch {
        return null;
      }
    },
  };
}
