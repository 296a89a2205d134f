import { createReadStream } from 'node:fs';
import iconv from 'iconv-lite';

/** Shortest value searched for in uploaded files (shorter ones would match by chance). */
const MIN_NEEDLE = 3;

/** The byte forms a value can take in an uploaded file: UTF-8 and Windows-1251 (the encodings imports accept). */
export function needleBytes(values: (string | null | undefined)[]): Buffer[] {
  const out = new Map<string, Buffer>();
  for (const v of values) {
    const s = v?.trim();
    if (!s || s.length < MIN_NEEDLE) continue;
    for (const b of [Buffer.from(s, 'utf8'), iconv.encode(s, 'win1251')]) out.set(b.toString('hex'), b);
  }
  return [...out.values()];
}

/** Whether the file contains any of the byte strings, streaming (chunks overlap by the longest needle). */
export async function fileContains(path: string, needles: Buffer[]): Promise<boolean> {
  if (!needles.length) return false;
  const overlap = Math.max(...needles.map((n) => n.length)) - 1;
  let tail: Buffer = Buffer.alloc(0);
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
      const buf: Buffer = tail.length ? Buffer.concat([tail, chunk]) : chunk;
      if (needles.some((n) => buf.includes(n))) return true;
      tail = overlap > 0 ? buf.subarray(Math.max(0, buf.length - overlap)) : Buffer.alloc(0);
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw e;
  }
  return false;
}
