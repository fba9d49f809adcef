/**
 * A stand-in MikroTik RouterOS API server for integration tests and benchmarks. It speaks the
 * real wire protocol (length-prefixed words, tagged and pipelined sentences), both logins
 * (6.43+ plain and the older MD5 challenge) and keeps PPP, hotspot, interface and system
 * menus in memory. Controls make the router slow, silent, unreachable or flaky on demand.
 */
import { createHash, randomBytes } from 'node:crypto';
import net from 'node:net';

// ---------------------------------------------------------------------------------------------
// Wire format

// Windows-1252 differs from latin1 only in 0x80–0x9F; node-routeros encodes and decodes win1252.
const CP1252_HIGH = '€\x81‚ƒ„…†‡ˆ‰Š‹Œ\x8DŽ\x8F\x90‘’“”•–—˜™š›œ\x9DžŸ';
const TO_CP1252 = new Map([...CP1252_HIGH].map((ch, i) => [ch, String.fromCharCode(0x80 + i)]));

/** The string as one char per byte (cp1252), so Buffer's 'latin1' writes it byte for byte. */
function toBytes(s: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the whole ASCII range, control characters included
  if (/^[\x00-\x7f]*$/.test(s)) return s;
  let out = '';
  for (const ch of s) {
    const code = ch.charCodeAt(0);
    out += TO_CP1252.get(ch) ?? (code <= 0xff && (code < 0x80 || code > 0x9f) ? ch : '?');
  }
  return out;
}

function fromBytes(buf: Buffer, start: number, end: number): string {
  const s = buf.toString('latin1', start, end);
  return /[\x80-\x9f]/.test(s) ? s.replace(/[\x80-\x9f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!) : s;
}

const SHORT = Array.from({ length: 0x80 }, (_, n) => String.fromCharCode(n));

/** The length prefix as byte-chars: 1 to 5 bytes, the top bits saying how many follow. */
function lengthPrefix(n: number): string {
  if (n < 0x80) return SHORT[n]!;
  const bytes = (v: number, count: number) =>
    Array.from({ length: count }, (_, i) => (v >>> (8 * (count - 1 - i))) & 0xff);
  const head =
    n < 0x4000
      ? bytes(n | 0x8000, 2)
      : n < 0x200000
        ? bytes(n | 0xc00000, 3)
        : n < 0x10000000
          ? bytes((n | 0xe0000000) >>> 0, 4)
          : [0xf0, ...bytes(n, 4)];
  return String.fromCharCode(...head);
}

/** Encodes words into one buffer; an empty string ends a sentence (it *is* the zero-length word). */
export function encodeWords(words: string[]): Buffer {
  let out = '';
  for (const word of words) {
    const bytes = toBytes(word);
    out += lengthPrefix(bytes.length) + bytes;
  }
  return Buffer.from(out, 'latin1');
}

/** Splits a byte stream into sentences; words, and even length prefixes, may straddle chunks. */
export class SentenceReader {
  private pending: Buffer = Buffer.alloc(0);
  private words: string[] = [];

  push(chunk: Buffer): string[][] {
    const buf = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    const sentences: string[][] = [];
    let at = 0;
    while (at < buf.length) {
      const head = readLength(buf, at);
      if (!head || head.start + head.length > buf.length) break;
      if (head.length === 0) {
        if (this.words.length) sentences.push(this.words); // RouterOS ignores empty sentences
        this.words = [];
      } else this.words.push(fromBytes(buf, head.start, head.start + head.length));
      at = head.start + head.length;
    }
    this.pending = buf.subarray(at);
    return sentences;
  }
}

function readLength(buf: Buffer, at: number): { length: number; start: number } | undefined {
  const b = buf[at]!;
  const size = b < 0x80 ? 1 : b < 0xc0 ? 2 : b < 0xe0 ? 3 : b < 0xf0 ? 4 : b === 0xf0 ? 5 : 0;
  if (size === 0) throw new Error(`control byte 0x${b.toString(16)} in length`);
  if (at + size > buf.length) return undefined;
  const rest = size === 1 ? 0 : size === 5 ? buf.readUInt32BE(at + 1) : buf.readUIntBE(at + 1, size - 1);
  const high = size === 5 ? 0 : b & (0xff >> size);
  return { length: size === 1 ? b : high * 2 ** (8 * (size - 1)) + rest, start: at + size };
}

// ---------------------------------------------------------------------------------------------
// Menus

export type Row = Record<string, string>;
export type Props = Record<string, string | number | boolean | undefined>;
export type ListPath =
  | '/ppp/secret'
  | '/ppp/profile'
  | '/ppp/active'
  | '/ip/hotspot/user'
  | '/ip/hotspot/user/profile'
  | '/ip/hotspot/active'
  | '/interface';
export type MenuPath = ListPath | '/system/resource' | '/system/identity';

/** An expected RouterOS failure, answered as `!trap =message=…` then `!done`. */
export class RosError extends Error {}

interface MenuSpec {
  noun: string; // for "… with the same name already exists"
  key: string; // the property `numbers=` and items are looked up by
  unique: boolean; // key is unique (and indexed)
  verbs: string[]; // besides print/getall
  props?: string[]; // writable through the API; anything else is an unknown parameter
  defaults?: Row;
  refs?: Record<string, ListPath>; // values that must name an item of another menu
}

const EDIT = ['add', 'set', 'unset', 'remove', 'enable', 'disable'];
const names = (text: string) => text.trim().split(/\s+/);
const SPECS: Record<ListPath, MenuSpec> = {
  '/ppp/secret': {
    noun: 'secret',
    key: 'name',
    unique: true,
    verbs: EDIT,
    props: names(`name password profile service disabled comment caller-id local-address remote-address routes
      limit-bytes-in limit-bytes-out remote-ipv6-prefix ipv6-routes`),
    defaults: { service: 'any', password: '', profile: 'default', disabled: 'false' },
    refs: { profile: '/ppp/profile' },
  },
  '/ppp/profile': {
    noun: 'profile',
    key: 'name',
    unique: true,
    verbs: ['add', 'set', 'remove'],
    props: names(`name comment local-address remote-address rate-limit only-one dns-server wins-server address-list
      bridge parent-queue queue-type insert-queue-before change-tcp-mss use-compression use-encryption use-mpls
      use-upnp use-ipv6 session-timeout idle-timeout incoming-filter outgoing-filter interface-list on-up on-down`),
    defaults: { 'only-one': 'default', default: 'false' },
  },
  '/ip/hotspot/user': {
    noun: 'user',
    key: 'name',
    unique: true,
    verbs: EDIT,
    props: names(`name password profile server disabled comment address mac-address email routes limit-uptime
      limit-bytes-in limit-bytes-out limit-bytes-total`),
    defaults: { password: '', profile: 'default', disabled: 'false' },
    refs: { profile: '/ip/hotspot/user/profile' },
  },
  '/ip/hotspot/user/profile': {
    noun: 'profile',
    key: 'name',
    unique: true,
    verbs: ['add', 'set', 'remove'],
    props: names(`name rate-limit shared-users session-timeout idle-timeout keepalive-timeout status-autorefresh
      address-pool address-list mac-cookie-timeout add-mac-cookie parent-queue queue-type insert-queue-before
      transparent-proxy open-status-page incoming-filter outgoing-filter on-login on-logout`),
    defaults: { 'idle-timeout': 'none', 'keepalive-timeout': '2m', 'status-autorefresh': '1m', 'shared-users': '1' },
  },
  '/ppp/active': { noun: 'session', key: 'name', unique: false, verbs: ['remove'] },
  '/ip/hotspot/active': { noun: 'session', key: 'user', unique: false, verbs: ['remove'] },
  '/interface': {
    noun: 'interface',
    key: 'name',
    unique: true,
    verbs: ['set', 'enable', 'disable'],
    props: names('name comment disabled mtu l2mtu'),
  },
};

const BOOL_PROPS = new Set(['disabled', 'dynamic', 'running', 'radius']);

/** RouterOS accepts yes/no for booleans but prints true/false. */
function normalize(prop: string, value: string): string {
  if (!BOOL_PROPS.has(prop)) return value;
  return value === 'yes' || value === 'true' ? 'true' : value === 'no' || value === 'false' ? 'false' : value;
}

function toRow(props: Props): Row {
  const row: Row = {};
  for (const [k, v] of Object.entries(props)) if (v !== undefined) row[k] = normalize(k, String(v));
  return row;
}

/** One menu: items by `.id` in creation order, plus a name index when names are unique. */
export class Menu {
  readonly items = new Map<string, Row>();
  private readonly byKey = new Map<string, Row>();
  private nextId = 1;

  constructor(
    readonly path: ListPath,
    readonly spec: MenuSpec,
  ) {}

  /** Adds an item (`.id` may be given, for built-ins like `*0`); returns the live row. */
  add(props: Props): Row {
    const given = toRow(props);
    const { key, unique } = this.spec;
    if (unique && given[key] === undefined) throw new RosError(`missing value(s) of argument(s) ${key}`);
    if (unique && this.byKey.has(given[key]!)) throw this.duplicate();
    const id = given['.id'] ?? `*${(this.nextId++).toString(16).toUpperCase()}`;
    const row: Row = Object.assign({ '.id': id, [key]: '' }, this.spec.defaults, given);
    this.items.set(id, row);
    if (unique) this.byKey.set(row[key]!, row);
    return row;
  }

  set(row: Row, props: Props): void {
    const changes = toRow(props);
    const { key, unique } = this.spec;
    const rename = changes[key] !== undefined && changes[key] !== row[key];
    if (unique && rename && this.byKey.has(changes[key]!)) throw this.duplicate();
    if (unique && rename) {
      this.byKey.delete(row[key]!);
      this.byKey.set(changes[key]!, row);
    }
    Object.assign(row, changes);
  }

  unset(row: Row, prop: string): void {
    if (prop !== this.spec.key) delete row[prop];
  }

  remove(row: Row): void {
    this.items.delete(row['.id']!);
    if (this.spec.unique) this.byKey.delete(row[this.spec.key]!);
  }

  /** An item by internal id (`*1F`) or by name, as `numbers=` and `.id=` accept both. */
  resolve(ref: string): Row | undefined {
    if (ref.startsWith('*')) return this.items.get(ref);
    if (this.spec.unique) return this.byKey.get(ref);
    for (const row of this.items.values()) if (row[this.spec.key] === ref) return row;
    return undefined;
  }

  /** Rows a print must look at: just one when the query pins the unique name. */
  candidates(queries: string[]): Iterable<Row> {
    const prefix = `${this.spec.key}=`;
    if (!this.spec.unique || queries.some((q) => q.startsWith('#'))) return this.items.values();
    const pin = queries.find((q) => q.startsWith(prefix));
    if (pin === undefined) return this.items.values();
    const row = this.byKey.get(pin.slice(prefix.length));
    return row ? [row] : [];
  }

  private duplicate(): RosError {
    return new RosError(`failure: ${this.spec.noun} with the same name already exists`);
  }
}

export interface SessionOptions {
  address?: string;
  callerId?: string;
}

/** All menus of one router, plus the sessions' hidden bookkeeping (start time, dynamic interface). */
export class RouterState {
  readonly menus = {} as Record<ListPath, Menu>;
  hidePasswords = false;
  identity: string;
  version: string;
  bootedAt = Date.now();
  /** Static part of /system/resource; tests may change e.g. `cpu-load`. */
  readonly resource: Row = {
    'free-memory': '912261120',
    'total-memory': '1073741824',
    cpu: 'ARMv7',
    'cpu-count': '4',
    'cpu-frequency': '1400',
    'cpu-load': '3',
    'free-hdd-space': '98123776',
    'total-hdd-space': '134217728',
    'architecture-name': 'arm',
    'board-name': 'RB4011iGS+',
    platform: 'MikroTik',
  };
  private readonly since = new WeakMap<Row, number>();
  private readonly iface = new WeakMap<Row, Row>();
  private sessions = 0;

  constructor(identity: string, version: string) {
    this.identity = identity;
    this.version = version;
    for (const path of Object.keys(SPECS) as ListPath[]) this.menus[path] = new Menu(path, SPECS[path]);
    // Built-in items keep RouterOS's own ids.
    this.menus['/ppp/profile'].add({ '.id': '*0', name: 'default', default: true });
    this.menus['/ppp/profile'].add({
      '.id': '*FFFFFFFE',
      name: 'default-encryption',
      'use-encryption': 'yes',
      default: true,
    });
    this.menus['/ip/hotspot/user/profile'].add({ '.id': '*0', name: 'default', default: true });
    for (const [i, name] of ['ether1', 'ether2'].entries()) {
      this.menus['/interface'].add({
        name,
        type: 'ether',
        mtu: 1500,
        'actual-mtu': 1500,
        'mac-address': `48:8F:5A:00:00:0${i + 1}`,
        running: true,
        disabled: false,
        'rx-byte': 0,
        'tx-byte': 0,
        'rx-packet': 0,
        'tx-packet': 0,
      });
    }
  }

  menu(path: ListPath): Menu {
    return this.menus[path];
  }

  /** Live rows of a menu, with computed fields (uptime, version) brought up to date. */
  rows(path: MenuPath): Row[] {
    if (path === '/system/identity') return [{ name: this.identity }];
    if (path === '/system/resource') {
      const version = this.version.includes('(') ? this.version : `${this.version} (stable)`;
      return [{ uptime: formatUptime(Date.now() - this.bootedAt), version, ...this.resource }];
    }
    this.refresh(path);
    return [...this.menus[path].items.values()];
  }

  refresh(path: ListPath): void {
    if (path !== '/ppp/active' && path !== '/ip/hotspot/active') return;
    const now = Date.now();
    for (const row of this.menus[path].items.values()) row.uptime = formatUptime(now - (this.since.get(row) ?? now));
  }

  /** A PPPoE client dials in: an /ppp/active row and its dynamic `<pppoe-NAME>` interface. */
  connectSession(name: string, opts: SessionOptions = {}): Row {
    const n = ++this.sessions;
    const row = this.menus['/ppp/active'].add({
      name,
      service: 'pppoe',
      'caller-id': opts.callerId ?? fakeMac(n),
      address: opts.address ?? fakeIp(n),
      uptime: '0s',
      encoding: '',
      'session-id': `0x${(0x81000000 + n).toString(16).toUpperCase()}`,
      radius: false,
    });
    const iface = this.menus['/interface'].add({
      name: `<pppoe-${name}>`,
      type: 'pppoe-in',
      mtu: 1480,
      'actual-mtu': 1480,
      dynamic: true,
      running: true,
      disabled: false,
      'rx-byte': 0,
      'tx-byte': 0,
      'rx-packet': 0,
      'tx-packet': 0,
    });
    this.since.set(row, Date.now());
    this.iface.set(row, iface);
    return row;
  }

  connectHotspot(user: string, opts: { address?: string; mac?: string } = {}): Row {
    const n = ++this.sessions;
    const row = this.menus['/ip/hotspot/active'].add({
      server: 'hotspot1',
      user,
      address: opts.address ?? fakeIp(n),
      'mac-address': opts.mac ?? fakeMac(n),
      'login-by': 'http-chap',
      uptime: '0s',
      'bytes-in': 0,
      'bytes-out': 0,
    });
    this.since.set(row, Date.now());
    return row;
  }

  /** Removes an item; kicking a PPP session also takes its dynamic interface away. */
  remove(path: ListPath, row: Row): void {
    this.menus[path].remove(row);
    const iface = this.iface.get(row);
    if (iface) this.menus['/interface'].remove(iface);
  }
}

function fakeIp(n: number): string {
  return `10.10.${Math.floor(n / 250) % 256}.${(n % 250) + 2}`;
}

function fakeMac(n: number): string {
  const hex = (v: number) => (v & 0xff).toString(16).toUpperCase().padStart(2, '0');
  return `02:00:00:${hex(n >> 16)}:${hex(n >> 8)}:${hex(n)}`;
}

/** RouterOS style: 1w2d3h4m5s, zero parts left out. */
export function formatUptime(ms: number): string {
  let s = Math.floor(ms / 1000);
  const parts: string[] = [];
  for (const [unit, size] of [
    ['w', 604800],
    ['d', 86400],
    ['h', 3600],
    ['m', 60],
  ] as const) {
    if (s < size) continue;
    parts.push(`${Math.floor(s / size)}${unit}`);
    s %= size;
  }
  if (s || parts.length === 0) parts.push(`${s}s`);
  return parts.join('');
}

// ---------------------------------------------------------------------------------------------
// Commands

interface Command {
  path: string;
  attrs: Map<string, string>; // `=name=value` and API attributes (`.proplist`, `.id`)
  queries: string[]; // `?…` words without the `?`
  tag?: string;
}

function parseCommand(words: string[]): Command {
  const cmd: Command = { path: words[0] ?? '', attrs: new Map(), queries: [] };
  for (const w of words.slice(1)) {
    if (w.startsWith('=')) {
      const eq = w.indexOf('=', 1);
      if (eq < 0) cmd.attrs.set(w.slice(1), '');
      else cmd.attrs.set(w.slice(1, eq), w.slice(eq + 1));
    } else if (w.startsWith('?')) cmd.queries.push(w.slice(1));
    else if (w.startsWith('.tag=')) cmd.tag = w.slice(5);
    else if (w.startsWith('.') && w.includes('='))
      cmd.attrs.set(w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1));
  }
  return cmd;
}

/**
 * The reply to one command, encoded as it is built (a 10,000-row print is one string, one
 * Buffer, one socket.write). Every sentence carries the command's tag last, as RouterOS does.
 */
class Reply {
  private bytes = '';
  constructor(private readonly tag?: string) {}

  add(type: string, ...attrs: string[]): this {
    this.word(type);
    for (const attr of attrs) this.word(attr);
    return this.end();
  }

  row(row: Row, proplist?: string[]): this {
    this.word('!re');
    if (!proplist) for (const k in row) this.word(`=${k}=${row[k]}`);
    else for (const k of proplist) if (row[k] !== undefined) this.word(`=${k}=${row[k]}`);
    return this.end();
  }

  toBuffer(): Buffer {
    return Buffer.from(this.bytes, 'latin1');
  }

  private word(word: string): void {
    const bytes = toBytes(word);
    this.bytes += lengthPrefix(bytes.length) + bytes;
  }

  private end(): this {
    if (this.tag !== undefined) this.word(`.tag=${this.tag}`);
    this.bytes += '\0';
    return this;
  }
}

type Test = (row: Row) => boolean;

/**
 * Print queries as RouterOS evaluates them: every `?` word pushes a result on a stack, `?#`
 * words combine the stack (`!` not, `&` and, `|` or, `.` drop), and what is left is AND-ed.
 */
function compileQuery(queries: string[]): Test {
  if (queries.length === 0) return () => true;
  const steps = queries.map((q): Test | string => {
    if (q.startsWith('#')) return q.slice(1);
    if (q.startsWith('-')) return (r) => r[q.slice(1)] === undefined;
    const op = q[0] === '<' || q[0] === '>' ? q[0] : '';
    const body = op || q.startsWith('=') ? q.slice(1) : q;
    const eq = body.indexOf('=');
    if (eq < 0) return (r) => r[body] !== undefined;
    const key = body.slice(0, eq);
    const value = normalize(key, body.slice(eq + 1));
    if (!op) return (r) => r[key] === value;
    return (r) => r[key] !== undefined && Math.sign(compare(r[key]!, value)) === (op === '<' ? -1 : 1);
  });
  return (row) => {
    const stack: boolean[] = [];
    for (const step of steps) {
      if (typeof step !== 'string') stack.push(step(row));
      else for (const op of step) applyOp(stack, op);
    }
    return stack.every(Boolean);
  };
}

function applyOp(stack: boolean[], op: string): void {
  if (op === '!') stack.push(!(stack.pop() ?? true));
  else if (op === '.') stack.pop();
  else if (op === '&' || op === '|') {
    const b = stack.pop() ?? true;
    const a = stack.pop() ?? true;
    stack.push(op === '&' ? a && b : a || b);
  } else throw new RosError(`query operation '${op}' is not supported by the stand-in`);
}

function compare(a: string, b: string): number {
  const [x, y] = [Number(a), Number(b)];
  return Number.isFinite(x) && Number.isFinite(y) && a !== '' && b !== '' ? x - y : a.localeCompare(b);
}

function* withoutPasswords(rows: Iterable<Row>): Iterable<Row> {
  for (const row of rows) {
    if (row.password === undefined) yield row;
    else {
      const { password: _hidden, ...rest } = row;
      yield rest;
    }
  }
}

function print(rows: Iterable<Row>, cmd: Command, reply: Reply, emptyReply: boolean): void {
  const proplist = cmd.attrs.get('.proplist')?.split(',').filter(Boolean);
  const match = compileQuery(cmd.queries);
  const countOnly = cmd.attrs.has('count-only');
  let count = 0;
  for (const row of rows) {
    if (!match(row)) continue;
    count++;
    if (!countOnly) reply.row(row, proplist);
  }
  if (countOnly) reply.add('!done', `=ret=${count}`);
  else if (count === 0 && emptyReply) reply.add('!empty').add('!done');
  else reply.add('!done');
}

/** Attributes of add/set as properties, refusing what this menu (or RouterOS) would refuse. */
function writable(state: RouterState, menu: Menu, attrs: Map<string, string>): { set: Props; unset: string[] } {
  const set: Props = {};
  const unset: string[] = [];
  for (const [name, value] of attrs) {
    if (name.startsWith('.') || name === 'numbers') continue;
    const prop = name.startsWith('!') ? name.slice(1) : name; // `=!prop=` unsets
    if (menu.spec.props && !menu.spec.props.includes(prop)) throw new RosError(`unknown parameter ${prop}`);
    const ref = menu.spec.refs?.[prop];
    if (ref && !name.startsWith('!') && !state.menu(ref).resolve(value)) {
      throw new RosError(`input does not match any value of ${prop}`);
    }
    if (name.startsWith('!')) unset.push(prop);
    else set[prop] = value;
  }
  return { set, unset };
}

/** Items named by `.id=` or `numbers=` (ids or names, comma-separated); all must exist. */
function targets(menu: Menu, attrs: Map<string, string>): Row[] {
  const refs = attrs.get('.id') ?? attrs.get('numbers');
  if (refs === undefined) throw new RosError('missing value(s) of argument(s) numbers');
  return refs.split(',').map((ref) => {
    const row = menu.resolve(ref.trim());
    if (!row) throw new RosError('no such item');
    return row;
  });
}

/** Runs one menu command, answering into `reply`; throws RosError for a `!trap`. */
function runCommand(state: RouterState, words: string[], reply: Reply, emptyReply: boolean): void {
  const cmd = parseCommand(words);
  const cut = cmd.path.lastIndexOf('/');
  const prefix = cmd.path.slice(0, cut);
  const verb = cmd.path.slice(cut + 1);
  if (prefix === '/system/resource' || prefix === '/system/identity') {
    if (verb === 'print' || verb === 'getall') return void print(state.rows(prefix), cmd, reply, emptyReply);
    if (prefix !== '/system/identity' || verb !== 'set') throw new RosError('no such command');
    for (const name of cmd.attrs.keys()) if (name !== 'name') throw new RosError(`unknown parameter ${name}`);
    state.identity = cmd.attrs.get('name') ?? state.identity;
    return void reply.add('!done');
  }
  if (!(prefix in SPECS)) throw new RosError('no such command prefix');
  const path = prefix as ListPath;
  const menu = state.menu(path);
  if (verb === 'print' || verb === 'getall') {
    state.refresh(path);
    // Without the `sensitive` policy RouterOS leaves passwords out of every print.
    const rows = state.hidePasswords ? withoutPasswords(menu.candidates(cmd.queries)) : menu.candidates(cmd.queries);
    return void print(rows, cmd, reply, emptyReply);
  }
  if (!menu.spec.verbs.includes(verb)) throw new RosError('no such command');
  if (verb === 'add') {
    const { set } = writable(state, menu, cmd.attrs);
    return void reply.add('!done', `=ret=${menu.add(set)['.id']}`);
  }
  const rows = targets(menu, cmd.attrs);
  if (verb === 'remove') for (const row of rows) state.remove(path, row);
  else if (verb === 'enable' || verb === 'disable')
    for (const row of rows) menu.set(row, { disabled: verb === 'disable' });
  else if (verb === 'unset') {
    // `unset =numbers=… =value-name=prop`: the API form of the CLI's `unset`.
    const prop = cmd.attrs.get('value-name');
    if (!prop) throw new RosError('missing value(s) of argument(s) value-name');
    if (!menu.spec.props?.includes(prop)) throw new RosError(`unknown parameter ${prop}`);
    for (const row of rows) menu.unset(row, prop);
  } else {
    const { set, unset } = writable(state, menu, cmd.attrs);
    for (const row of rows) {
      menu.set(row, set);
      for (const prop of unset) menu.unset(row, prop);
    }
  }
  reply.add('!done');
}

// ---------------------------------------------------------------------------------------------
// Server

export interface RouterOsOptions {
  username?: string; // default 'admin'
  password?: string; // default 'secret'
  identity?: string; // default 'RB-Test'
  version?: string; // default '7.19.1'; also picks the defaults below
  emptyReply?: boolean; // `!empty` before `!done` on an empty print (7.18+); default from version
  legacyLogin?: boolean; // MD5 challenge login (before 6.43); default from version
  sensitive?: boolean; // the API user may read passwords (`sensitive` policy); default true
  port?: number; // 0 = random
  host?: string; // default '127.0.0.1'
}

export interface RouterOsStats {
  connections: number; // accepted TCP connections
  logins: number;
  loginFailures: number;
  commands: number; // every command received except /login
  byCommand: Record<string, number>; // '/ppp/secret/set' -> n, /login included
  maxInFlight: number; // most commands waiting for an answer at once on one connection (1 = never pipelined)
}

interface Conn {
  socket: net.Socket;
  reader: SentenceReader;
  loggedIn: boolean;
  challenge?: Buffer;
  outbox: Array<{ due: number; data: Buffer }>; // replies held back by setDelay, in order
  timer?: NodeJS.Timeout;
}

export interface SecretInput extends Props {
  name: string;
  password?: string;
  profile?: string;
  service?: string;
  disabled?: boolean;
  'remote-address'?: string;
  'local-address'?: string;
  'caller-id'?: string;
  comment?: string;
}
export type NamedInput = Props & { name: string };

/** Pre-6.43 login: "00" + MD5(0x00, password, the 16 challenge bytes), in hex. */
function legacyResponse(password: string, challenge: Buffer): string {
  const md5 = createHash('md5')
    .update(Buffer.from([0]))
    .update(Buffer.from(password, 'latin1'))
    .update(challenge);
  return `00${md5.digest('hex')}`;
}

function atLeast(version: string, major: number, minor: number): boolean {
  const [a = 0, b = 0] = version.split('.').map((p) => parseInt(p, 10));
  return a > major || (a === major && b >= minor);
}

function emptyStats(): RouterOsStats {
  return { connections: 0, logins: 0, loginFailures: 0, commands: 0, byCommand: {}, maxInFlight: 0 };
}

export class RouterOsServer {
  readonly host: string;
  port: number;
  readonly state: RouterState;
  stats = emptyStats();
  /** Sees every command sentence as received (words without length prefixes). */
  onCommand?: (words: string[]) => void;
  private readonly username: string;
  private readonly password: string;
  private readonly emptyReply: boolean;
  private readonly legacyLogin: boolean;
  private server?: net.Server;
  private readonly conns = new Set<Conn>();
  private delayMs = 0;
  private hung = false;
  private dropIn = 0;
  private readonly traps = new Map<string, string[]>();

  constructor(opts: RouterOsOptions = {}) {
    const version = opts.version ?? '7.19.1';
    this.host = opts.host ?? '127.0.0.1';
    this.port = opts.port ?? 0;
    this.username = opts.username ?? 'admin';
    this.password = opts.password ?? 'secret';
    this.emptyReply = opts.emptyReply ?? atLeast(version, 7, 18);
    this.legacyLogin = opts.legacyLogin ?? !atLeast(version, 6, 43);
    this.state = new RouterState(opts.identity ?? 'RB-Test', version);
    this.state.hidePasswords = opts.sensitive === false;
  }

  // --- seeding and inspection -----------------------------------------------------------------
  addSecret(props: SecretInput): Row {
    return { ...this.state.menu('/ppp/secret').add(props) };
  }
  addProfile(props: NamedInput): Row {
    return { ...this.state.menu('/ppp/profile').add(props) };
  }
  addHotspotUser(props: NamedInput): Row {
    return { ...this.state.menu('/ip/hotspot/user').add(props) };
  }
  addHotspotProfile(props: NamedInput): Row {
    return { ...this.state.menu('/ip/hotspot/user/profile').add(props) };
  }
  connectSession(name: string, opts?: SessionOptions): Row {
    return { ...this.state.connectSession(name, opts) };
  }
  connectHotspot(user: string, opts?: { address?: string; mac?: string }): Row {
    return { ...this.state.connectHotspot(user, opts) };
  }
  /** Copies of a menu's rows, as a print without arguments would show them. */
  list(path: MenuPath): Row[] {
    return this.state.rows(path).map((row) => ({ ...row }));
  }
  /** A copy of one item by name (sessions: by user name) or `*id`. */
  find(path: ListPath, ref: string): Row | undefined {
    this.state.refresh(path);
    const row = this.state.menu(path).resolve(ref);
    return row && { ...row };
  }
  /** Changes an item behind the API's back, e.g. traffic counters; any property goes. */
  update(path: ListPath, ref: string, props: Props): Row {
    const row = this.state.menu(path).resolve(ref);
    if (!row) throw new RosError(`no such item ${ref} in ${path}`);
    this.state.menu(path).set(row, props);
    return { ...row };
  }
  get openConnections(): number {
    return this.conns.size;
  }
  resetStats(): void {
    this.stats = emptyStats();
  }

  // --- faults ---------------------------------------------------------------------------------
  /** Hold every reply back by `ms` (order is kept). */
  setDelay(ms: number): void {
    this.delayMs = ms;
  }
  /** Keep accepting and reading, but answer nothing (commands received meanwhile are dropped). */
  hang(on: boolean): void {
    this.hung = on;
  }
  /** Destroy every open connection now, as a reboot or a cut link would. */
  dropConnections(): void {
    for (const conn of this.conns) conn.socket.destroy();
  }
  /** Destroy the connection that receives the n-th next command (not /login), leaving it unanswered. */
  dropAfter(n: number): void {
    this.dropIn = n;
  }
  /** The next `command` (e.g. '/ppp/secret/set') fails with this `!trap` message and changes nothing. */
  trapNext(command: string, message: string): void {
    this.traps.set(command, [...(this.traps.get(command) ?? []), message]);
  }

  // --- lifecycle ------------------------------------------------------------------------------
  /** Listen (again) on the same port; state is kept, uptime restarts as after a reboot. */
  async start(): Promise<void> {
    if (this.server) return;
    const server = net.createServer((socket) => this.accept(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, this.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.port = (server.address() as net.AddressInfo).port;
    this.server = server;
    this.state.bootedAt = Date.now();
  }

  /** Stop listening and cut every connection; the port refuses until start(). */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.dropConnections();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async close(): Promise<void> {
    await this.stop();
  }

  // --- protocol -------------------------------------------------------------------------------
  private accept(socket: net.Socket): void {
    socket.setNoDelay(true);
    const conn: Conn = { socket, reader: new SentenceReader(), loggedIn: false, outbox: [] };
    this.conns.add(conn);
    this.stats.connections++;
    socket.on('error', () => {}); // clients resetting the connection is part of the tests
    socket.on('close', () => {
      clearTimeout(conn.timer);
      this.conns.delete(conn);
    });
    socket.on('data', (chunk: Buffer) => {
      let sentences: string[][];
      try {
        sentences = conn.reader.push(chunk);
      } catch (e) {
        return this.fatal(conn, `protocol error: ${(e as Error).message}`);
      }
      this.stats.maxInFlight = Math.max(this.stats.maxInFlight, conn.outbox.length + sentences.length);
      for (const words of sentences) if (socket.writable) this.handle(conn, words);
    });
  }

  private handle(conn: Conn, words: string[]): void {
    const path = words[0] ?? '';
    const tag = words.find((w) => w.startsWith('.tag='))?.slice(5);
    this.onCommand?.(words);
    this.stats.byCommand[path] = (this.stats.byCommand[path] ?? 0) + 1;
    if (path !== '/login') this.stats.commands++;
    if (this.hung) return;
    if (path !== '/login' && this.dropIn > 0 && --this.dropIn === 0) return void conn.socket.destroy();
    if (path === '/quit') return void this.fatal(conn, 'session terminated on request');

    let reply = new Reply(tag);
    try {
      if (path === '/login') this.login(conn, parseCommand(words), reply);
      else if (!conn.loggedIn) throw new RosError('not logged in');
      else if (this.traps.get(path)?.length) throw new RosError(this.traps.get(path)!.shift()!);
      else if (path === '/cancel')
        reply.add('!done'); // nothing here runs long enough to cancel
      else runCommand(this.state, words, reply, this.emptyReply);
    } catch (e) {
      if (!(e instanceof RosError)) console.error('routeros stand-in: command failed', words, e);
      reply = new Reply(tag).add('!trap', `=message=${(e as Error).message}`).add('!done');
    }
    this.send(conn, reply.toBuffer());
  }

  private login(conn: Conn, cmd: Command, reply: Reply): void {
    const name = cmd.attrs.get('name');
    if (this.legacyLogin) {
      const response = cmd.attrs.get('response');
      if (response === undefined) {
        // Pre-6.43: any /login without a response gets a fresh challenge, credentials or not.
        conn.challenge = randomBytes(16);
        return void reply.add('!done', `=ret=${conn.challenge.toString('hex')}`);
      }
      const challenge = conn.challenge;
      conn.challenge = undefined;
      if (!challenge || name !== this.username || response !== legacyResponse(this.password, challenge)) {
        this.stats.loginFailures++;
        throw new RosError('cannot log in');
      }
    } else if (name !== this.username || cmd.attrs.get('password') !== this.password) {
      this.stats.loginFailures++;
      throw new RosError('invalid user name or password (6)');
    }
    conn.loggedIn = true;
    this.stats.logins++;
    reply.add('!done');
  }

  /** `!fatal` is untagged and followed by the router closing the connection. */
  private fatal(conn: Conn, message: string): void {
    conn.socket.end(encodeWords(['!fatal', message, '']));
  }

  /** One socket.write per reply; with a delay, replies queue up and leave in order. */
  private send(conn: Conn, data: Buffer): void {
    if (this.delayMs <= 0 && conn.outbox.length === 0) return void conn.socket.write(data);
    conn.outbox.push({ due: Date.now() + this.delayMs, data });
    this.flushLater(conn);
  }

  private flushLater(conn: Conn): void {
    if (conn.timer || conn.outbox.length === 0) return;
    conn.timer = setTimeout(
      () => {
        conn.timer = undefined;
        while (conn.outbox.length && conn.outbox[0]!.due <= Date.now()) {
          const { data } = conn.outbox.shift()!;
          if (conn.socket.writable) conn.socket.write(data);
        }
        this.flushLater(conn);
      },
      Math.max(0, conn.outbox[0]!.due - Date.now()),
    );
  }
}

/** Starts a stand-in router listening on `host:port` (a random port by default). */
export async function startRouterOsServer(opts: RouterOsOptions = {}): Promise<RouterOsServer> {
  const router = new RouterOsServer(opts);
  await router.start();
  return router;
}
