import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { PassThrough, Readable, Transform } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import yauzl from 'yauzl';
import yazl from 'yazl';

export type EntrySum = { sha256: string; bytes: number };

/** Bytes passing through, counted and hashed. */
function hashing(onEnd: (sum: EntrySum) => void) {
  const hash = createHash('sha256');
  let bytes = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      bytes += chunk.length;
      callback(null, chunk);
    },
    flush(callback) {
      onEnd({ sha256: hash.digest('hex'), bytes });
      callback();
    },
  });
}

/**
 * The export's ZIP, written as it is produced (yazl streams each entry into the file in
 * order, so a table of 100,000 rows is never held in memory): every entry's SHA-256 and size
 * are kept for the manifest, which is written last.
 */
export class ZipWriter {
  private readonly zip = new yazl.ZipFile();
  private readonly done: Promise<void>;
  private failure: Error | null = null;
  private current: PassThrough | null = null;
  readonly entries: Record<string, EntrySum> = {};
  private sum: EntrySum = { sha256: '', bytes: 0 };

  constructor(file: string) {
    const out = createWriteStream(file, { mode: 0o600 });
    const fail = (error: Error) => {
      this.failure ??= error;
      this.current?.destroy(error);
    };
    this.zip.on('error', fail);
    out.on('error', fail);
    this.done = pipeline(
      this.zip.outputStream as Readable,
      hashing((sum) => (this.sum = sum)),
      out,
    );
    this.done.catch(fail);
  }

  /** One entry whose content `produce` writes, chunk by chunk, waiting when the file lags behind. */
  async entry(name: string, produce: (write: (chunk: string) => Promise<void>) => Promise<void>) {
    if (this.failure) throw this.failure;
    const stream = new PassThrough();
    // Destroyed with the failure when the export gives up: the failure is thrown to the caller
    // (this.failure), and an 'error' event nobody listens to would end the worker process.
    stream.on('error', () => {});
    this.current = stream;
    const hash = createHash('sha256');
    let bytes = 0;
    this.zip.addReadStream(stream, name);
    await produce(async (chunk) => {
      const buffer = Buffer.from(chunk, 'utf8');
      hash.update(buffer);
      bytes += buffer.length;
      if (!stream.write(buffer)) await once(stream, 'drain');
      if (this.failure) throw this.failure;
    });
    stream.end();
    this.entries[name] = { sha256: hash.digest('hex'), bytes };
  }

  /** A file from disk, read when the ZIP gets to it. */
  file(path: string, name: string) {
    this.zip.addReadStreamLazy(name, (callback) => {
      const source = createReadStream(path);
      const sum = hashing((s) => (this.entries[name] = s));
      source.on('error', (error) => sum.destroy(error));
      callback(null, source.pipe(sum));
    });
  }

  /** The last entry, built once everything before it is in the file (the manifest). */
  last(name: string, build: () => string) {
    this.zip.addReadStreamLazy(name, (callback) => callback(null, Readable.from([Buffer.from(build(), 'utf8')])));
  }

  /** Gives up a ZIP half written (the export failed): its streams are closed, the file is the caller's to remove. */
  abort(error: Error) {
    this.failure ??= error;
    this.current?.destroy(error);
    (this.zip.outputStream as Readable).destroy(error);
  }

  /** Closes the ZIP: the whole file's size and SHA-256. */
  async finish(): Promise<EntrySum> {
    this.zip.end();
    await this.done;
    if (this.failure) throw this.failure;
    return this.sum;
  }
}

export class ZipFormatError extends Error {}

/** An export's ZIP, read entry by entry, each checked against the SHA-256 the manifest gives. */
export class ZipReader {
  private constructor(
    private readonly zip: yauzl.ZipFile,
    readonly names: Map<string, yauzl.Entry>,
  ) {}

  static async open(file: string): Promise<ZipReader> {
    const zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false, strictFileNames: true });
    const names = new Map<string, yauzl.Entry>();
    await new Promise<void>((resolve, reject) => {
      zip.on('entry', (entry: yauzl.Entry) => {
        names.set(entry.fileName, entry);
        zip.readEntry();
      });
      zip.on('end', resolve);
      zip.on('error', reject);
      zip.readEntry();
    });
    return new ZipReader(zip, names);
  }

  close() {
    this.zip.close();
  }

  private async stream(name: string): Promise<Readable> {
    const entry = this.names.get(name);
    if (!entry) throw new ZipFormatError(`${name} is missing`);
    return this.zip.openReadStreamPromise(entry);
  }

  /** A small entry (the manifest), whole. */
  async text(name: string, maxBytes: number): Promise<string> {
    const entry = this.names.get(name);
    if (!entry) throw new ZipFormatError(`${name} is missing`);
    if (entry.uncompressedSize > maxBytes) throw new ZipFormatError(`${name} is too large`);
    const chunks: Buffer[] = [];
    for await (const chunk of await this.stream(name)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }

  /** The lines of a JSONL entry; the checksum is verified once the last one is read. */
  async *lines(name: string, expected: EntrySum): AsyncGenerator<string> {
    const hash = createHash('sha256');
    const decoder = new StringDecoder('utf8');
    let bytes = 0;
    let rest = '';
    for await (const chunk of await this.stream(name)) {
      hash.update(chunk as Buffer);
      bytes += (chunk as Buffer).length;
      const parts = (rest + decoder.write(chunk as Buffer)).split('\n');
      rest = parts.pop()!;
      for (const line of parts) if (line) yield line;
    }
    rest += decoder.end();
    if (rest) yield rest;
    verify(name, { sha256: hash.digest('hex'), bytes }, expected);
  }

  /** An entry copied to a file, verified. */
  async extract(name: string, expected: EntrySum, to: string) {
    let got: EntrySum = { sha256: '', bytes: 0 };
    await pipeline(
      await this.stream(name),
      hashing((s) => (got = s)),
      createWriteStream(to),
    );
    verify(name, got, expected);
  }

  /** An entry read through, only to verify it (the dry run). */
  async check(name: string, expected: EntrySum) {
    let got: EntrySum = { sha256: '', bytes: 0 };
    const sink = new PassThrough();
    sink.resume();
    await pipeline(
      await this.stream(name),
      hashing((s) => (got = s)),
      sink,
    );
    await finished(sink).catch(() => undefined);
    verify(name, got, expected);
  }
}

function verify(name: string, got: EntrySum, expected: EntrySum) {
  if (got.sha256 !== expected.sha256 || got.bytes !== expected.bytes)
    throw new ZipFormatError(`${name} does not match its checksum`);
}
