import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

/**
 * The README and docs/ describe the code as it is: every relative link and anchor resolves,
 * every repository path they name exists (a line the lead has yet to check carries
 * `<!-- TODO-VERIFY -->`), and no sentence talks about history or plans.
 */
const ROOT = path.join(__dirname, '..', '..');

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return markdownFiles(full);
    return name.endsWith('.md') ? [full] : [];
  });
}

const FILES = [path.join(ROOT, 'README.md'), ...markdownFiles(path.join(ROOT, 'docs'))];
const rel = (file: string) => path.relative(ROOT, file);

/** The text outside fenced code blocks, line by line (line numbers kept). */
function proseLines(text: string): { line: string; n: number }[] {
  let fenced = false;
  return text.split('\n').flatMap((line, i) => {
    if (/^\s*```/.test(line)) {
      fenced = !fenced;
      return [];
    }
    return fenced ? [] : [{ line, n: i + 1 }];
  });
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, -1, -2 for repeats. */
function anchors(text: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const { line } of proseLines(text)) {
    const m = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!m) continue;
    const base = m[1]!
      .replace(/<!--.*?-->/g, '')
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
      .replace(/ /g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    out.add(count === 0 ? base : `${base}-${count}`);
  }
  return out;
}

/** Markdown links outside code: [text](target). */
function links(text: string): { target: string; n: number }[] {
  return proseLines(text).flatMap(({ line, n }) => {
    const withoutCode = line.replace(/`[^`]*`/g, '');
    return [...withoutCode.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => ({ target: m[1]!, n }));
  });
}

test('every relative link in the README and docs/ resolves, anchors included', () => {
  const broken: string[] = [];
  for (const file of FILES) {
    for (const { target, n } of links(readFileSync(file, 'utf8'))) {
      if (/^[a-z]+:/i.test(target)) continue; // https:, mailto:
      const [pathPart, anchor] = target.split('#') as [string, string | undefined];
      const dest = pathPart ? path.resolve(path.dirname(file), pathPart) : file;
      if (!existsSync(dest)) {
        broken.push(`${rel(file)}:${n} ${target} (no such file)`);
        continue;
      }
      if (anchor && dest.endsWith('.md') && !anchors(readFileSync(dest, 'utf8')).has(anchor)) {
        broken.push(`${rel(file)}:${n} ${target} (no such heading)`);
      }
    }
  }
  assert.deepEqual(broken, []);
});

test('every repository path the docs name exists (unchecked lines say TODO-VERIFY)', () => {
  const top = 'app|lib|db|workers|scripts|tests|components|deploy|bench|messages|public';
  const missing: string[] = [];
  for (const file of FILES) {
    for (const { line, n } of proseLines(readFileSync(file, 'utf8'))) {
      if (line.includes('TODO-VERIFY')) continue;
      for (const m of line.matchAll(/`([^`\s]+)`/g)) {
        const candidate = m[1]!;
        // Patterns and placeholders (lib/<domain>/jobs.ts, app/**/route.ts) are not paths.
        if (!new RegExp(`^(${top})/`).test(candidate) || /[<>*{}…]/.test(candidate)) continue;
        if (!existsSync(path.join(ROOT, candidate))) missing.push(`${rel(file)}:${n} ${candidate}`);
      }
    }
  }
  assert.deepEqual(missing, []);
});

test('the docs describe today: no history, no plans, no issue numbers', () => {
  const phrases = [
    /\blater issues?\b/i,
    /\buntil\b[^.]*\blands?\b/i,
    /\bissues? #\d+/i,
    /\(coming\)/i,
    /\bthe first version\b/i,
    /\bre-measured\b/i,
    /\bnot (?:taken|done|built) yet\b/i,
    /\bwill (?:subscribe|land|come|be added)\b/i,
  ];
  const found: string[] = [];
  for (const file of FILES) {
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        for (const phrase of phrases) if (phrase.test(line)) found.push(`${rel(file)}:${i + 1} ${line.trim()}`);
      });
  }
  assert.deepEqual(found, []);
});

test('the README is short and starts with the two commands', () => {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const lines = readme.split('\n');
  assert.ok(lines.length <= 120, `README.md has ${lines.length} lines; details belong in docs/`);
  const firstBlock = /```bash\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
  const commands = firstBlock
    .split('\n')
    .filter(Boolean)
    .map((l) => l.replace(/\s+#.*$/, '').trim());
  assert.deepEqual(commands, ['npm install && npm start', 'npm install && npm test']);
  assert.ok(readme.indexOf('```bash') < readme.indexOf('\n## '), 'the commands come before the first section');
});
