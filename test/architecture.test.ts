import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// X-Road-style boundaries checked by the build: dependencies point one way, and a module touches
// only its own tables (others' data only through their exported service functions).
const ORDER = [
  'config.ts',
  'kernel',
  'agencies',
  'messages',
  'matters',
  'catalog',
  'aggregation',
  'sharing',
  'opening',
  'supervision',
  'federation',
];
const COMPOSITION = new Set(['http', 'cli.ts', 'server.ts', 'system.ts', 'modules.ts', 'jobs.ts']);

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    return d.isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}
const moduleOf = (file: string) => path.relative('src', file).split(path.sep)[0];
// Tests and their shared helpers (*.test-helpers.ts) are not the product.
const sources = files('src').filter((f) => !/\.test(-helpers)?\.ts$/.test(f));

describe('architecture', () => {
  it('module dependencies point one way (kernel ← agencies ← messages ← matters ← catalog ← …)', () => {
    const bad: string[] = [];
    for (const f of sources) {
      const from = moduleOf(f);
      if (COMPOSITION.has(from)) continue;
      for (const m of fs.readFileSync(f, 'utf8').matchAll(/from '(\.{1,2}\/[^']+)'/g)) {
        const target = moduleOf(path.join(path.dirname(f), m[1]));
        if (target === from) continue;
        const allowed = ORDER.indexOf(target) >= 0 && ORDER.indexOf(target) < ORDER.indexOf(from);
        // Route plugins may use the HTTP layer's auth helpers (principalOf).
        if (!allowed && !(target === 'http' && m[1].endsWith('auth-plugin.ts'))) bad.push(`${f} → ${m[1]}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('a module reads and writes only the tables it declares', () => {
    const owner = new Map<string, string>();
    for (const f of sources) {
      const text = fs.readFileSync(f, 'utf8');
      const block = text.match(/interface Database \{\n([^}]*)\}/);
      if (!block) continue;
      for (const t of block[1].matchAll(/^\s*(\w+):/gm)) owner.set(t[1], moduleOf(f));
    }
    expect(owner.size).toBeGreaterThan(3);
    const bad: string[] = [];
    const use = /(?:selectFrom|insertInto|updateTable|deleteFrom|innerJoin|leftJoin)\('(\w+)/g;
    for (const f of sources) {
      const from = moduleOf(f);
      if (COMPOSITION.has(from)) continue;
      for (const m of fs.readFileSync(f, 'utf8').matchAll(use)) {
        const o = owner.get(m[1]);
        if (o && o !== from) bad.push(`${f} uses ${m[1]} (owned by ${o})`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('only the matters engine writes matter state, the timeline and deadlines', () => {
    // Design: nothing but the engine moves a matter or a deadline (domain modules declare, the engine acts).
    const engineFile = /^src\/matters\/(engine|deadlines)[\w-]*\.ts$/;
    const write = /(?:insertInto|updateTable|deleteFrom)\('(matter|matter_event|deadline)\b/g;
    const raw = /\b(?:insert\s+into|update|delete\s+from)\s+(matter|matter_event|deadline)\b/gi;
    const bad: string[] = [];
    for (const f of sources) {
      const rel = path.relative('.', f).split(path.sep).join('/');
      if (engineFile.test(rel)) continue;
      const text = fs.readFileSync(f, 'utf8');
      for (const m of [...text.matchAll(write), ...text.matchAll(raw)]) bad.push(`${rel} writes ${m[1]}`);
    }
    expect(bad).toEqual([]);
    // The check itself finds the engine's writes.
    expect(fs.readFileSync('src/matters/engine.ts', 'utf8')).toMatch(write);
  });
});
