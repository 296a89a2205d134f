// @vitest-environment node
/// <reference types="node" />
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { en } from './en';
import { ru } from './ru';
import type { TranslationTree } from './resources';

const PLURAL = /_(zero|one|two|few|many|other)$/;

function leaves(tree: TranslationTree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : leaves(v, `${prefix}${k}.`)));
}

const base = (key: string) => key.replace(PLURAL, '');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

describe('translations', () => {
  const enKeys = leaves(en);
  const ruKeys = leaves(ru);

  it('has the same keys in English and Russian (plural forms aside)', () => {
    const enBases = new Set(enKeys.map(base));
    const ruBases = new Set(ruKeys.map(base));
    expect([...enBases].filter((k) => !ruBases.has(k))).toEqual([]);
    expect([...ruBases].filter((k) => !enBases.has(k))).toEqual([]);
  });

  it('gives every plural key the forms each language needs', () => {
    const plurals = new Set(enKeys.filter((k) => PLURAL.test(k)).map(base));
    for (const key of plurals) {
      for (const form of ['one', 'other']) expect(enKeys, `en ${key}_${form}`).toContain(`${key}_${form}`);
      for (const form of ['one', 'few', 'many', 'other']) expect(ruKeys, `ru ${key}_${form}`).toContain(`${key}_${form}`);
    }
  });

  it('keeps every interpolation variable in both languages', () => {
    const vars = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    const get = (tree: TranslationTree, key: string): string => key.split('.').reduce<unknown>((n, k) => (n as TranslationTree)[k], tree) as string;
    for (const key of enKeys) {
      const ruKey = ruKeys.includes(key) ? key : `${base(key)}_many`;
      if (!ruKeys.includes(ruKey)) continue;
      const enVars = new Set(vars(get(en, key)));
      const ruVars = new Set(vars(get(ru, ruKey)));
      // A Russian plural may spell the number in words; otherwise the same variables appear.
      expect([...ruVars].filter((v) => !enVars.has(v)), key).toEqual([]);
    }
  });

  it('defines every literal key the code asks for', () => {
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const used = new Set<string>();
    for (const file of sourceFiles(root)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) used.add(m[1]!);
      for (const m of text.matchAll(/label: '(nav\.[a-zA-Z]+)'/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(100);
    const enBases = new Set(enKeys.map(base));
    const ruBases = new Set(ruKeys.map(base));
    expect([...used].filter((k) => !enBases.has(k))).toEqual([]);
    expect([...used].filter((k) => !ruBases.has(k))).toEqual([]);
  });

  it('has no empty or untranslated-looking Russian strings', () => {
    const get = (tree: TranslationTree, key: string): string => key.split('.').reduce<unknown>((n, k) => (n as TranslationTree)[k], tree) as string;
    for (const key of ruKeys) expect(get(ru, key).trim(), key).not.toBe('');
  });
});
