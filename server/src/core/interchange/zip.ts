/**
 * A minimal ZIP reader for .reqifz archives: reads the central directory and returns each entry's bytes.
 * Stored (0) and deflated (8) entries only; the deflate step is passed in (Node's zlib.inflateRawSync in the
 * CLI) so the core stays free of Node APIs. No ZIP64, no encryption: a .reqifz never needs them.
 */

export interface ZipEntry {
  name: string;
  data: Uint8Array;
}

/** Inflates raw deflate data, failing (throwing) rather than producing more than `maxBytes`. */
export type InflateRaw = (data: Uint8Array, maxBytes: number) => Uint8Array;

export interface ZipLimits {
  /** Entries to read; the others are skipped without being inflated (a .reqifz's images and attachments). */
  want?: (name: string) => boolean;
  /** Total uncompressed bytes of the wanted entries (a zip bomb is refused before anything is inflated). */
  maxTotalBytes?: number;
  /** Largest uncompressed/compressed ratio of an entry; XML compresses 10–50×, bombs hundreds of times. */
  maxRatio?: number;
}

const DEFAULT_LIMITS: Required<Omit<ZipLimits, 'want'>> = { maxTotalBytes: 128 * 1024 * 1024, maxRatio: 200 };

export class ZipError extends Error {}

/**
 * Reads the wanted entries. Sizes come from the central directory and are checked against the limits before
 * any inflation; each inflation is capped at its declared size, so a directory that lies cannot make it larger.
 */
export function readZip(bytes: Uint8Array, inflateRaw: InflateRaw, limits: ZipLimits = {}): ZipEntry[] {
  const { maxTotalBytes, maxRatio } = { ...DEFAULT_LIMITS, ...limits };
  const want = limits.want ?? (() => true);
  const mb = (n: number) => `${Math.round(n / (1024 * 1024))} MB`;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // End of central directory: signature 0x06054b50, within the last 64 KiB + 22 bytes.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipError('not a zip archive (no end of central directory record)');
  const count = view.getUint16(eocd + 10, true);
  let p = view.getUint32(eocd + 16, true);
  const decoder = new TextDecoder('utf-8');
  const out: ZipEntry[] = [];
  const picked: { name: string; method: number; compressedSize: number; size: number; localOffset: number }[] = [];
  let total = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== 0x02014b50) throw new ZipError('corrupt central directory');
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    const compressedSize = view.getUint32(p + 20, true);
    const size = view.getUint32(p + 24, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    const localOffset = view.getUint32(p + 42, true);
    const name = decoder.decode(bytes.subarray(p + 46, p + 46 + nameLen));
    p += 46 + nameLen + extraLen + commentLen;
    if (name.endsWith('/') || !want(name)) continue;
    if (flags & 1) throw new ZipError(`${name} is encrypted`);
    if (compressedSize === 0xffffffff || size === 0xffffffff) throw new ZipError(`${name} is too large (ZIP64 is not supported)`);
    total += size;
    if (total > maxTotalBytes) throw new ZipError(`its files would unpack to more than ${mb(maxTotalBytes)}; nothing was unpacked`);
    if (size > Math.max(compressedSize, 1) * maxRatio && size > 1024 * 1024) {
      throw new ZipError(`${name} would unpack to ${mb(size)} from ${compressedSize} bytes, more than ${maxRatio} times its size (a zip bomb?); nothing was unpacked`);
    }
    picked.push({ name, method, compressedSize, size, localOffset });
  }
  for (const { name, method, compressedSize, size, localOffset } of picked) {
    if (localOffset + 30 > bytes.length || view.getUint32(localOffset, true) !== 0x04034b50) throw new ZipError(`corrupt local header of ${name}`);
    const start = localOffset + 30 + view.getUint16(localOffset + 26, true) + view.getUint16(localOffset + 28, true);
    const raw = bytes.subarray(start, start + compressedSize);
    if (raw.length !== compressedSize) throw new ZipError(`${name} is truncated`);
    let data: Uint8Array;
    if (method === 0) data = raw;
    else if (method === 8) {
      try {
        data = inflateRaw(raw, size);
      } catch {
        throw new ZipError(`${name} does not unpack to its declared size of ${size} bytes`);
      }
    }
    else throw new ZipError(`${name} uses compression method ${method}; only stored and deflated entries are supported`);
    if (data.length !== size) throw new ZipError(`${name}: size mismatch after decompression`);
    out.push({ name, data });
  }
  return out;
}

/** Writes a ZIP of stored entries (used by tests and by `export reqif --output x.reqifz`). */
export function writeStoredZip(entries: readonly ZipEntry[], deflateRaw?: (d: Uint8Array) => Uint8Array): Uint8Array {
  const enc = new TextEncoder();
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = enc.encode(e.name);
    const crc = crc32(e.data);
    const body = deflateRaw ? deflateRaw(e.data) : e.data;
    const method = deflateRaw ? 8 : 0;
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(6, 0x0800, true);
    lv.setUint16(8, method, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, body.length, true);
    lv.setUint32(22, e.data.length, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    const cd = new Uint8Array(46 + name.length);
    const cv = new DataView(cd.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(8, 0x0800, true);
    cv.setUint16(10, method, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, body.length, true);
    cv.setUint32(24, e.data.length, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    cd.set(name, 46);
    chunks.push(local, body);
    central.push(cd);
    offset += local.length + body.length;
  }
  const cdSize = central.reduce((s, c) => s + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, offset, true);
  const all = [...chunks, ...central, end];
  const out = new Uint8Array(all.reduce((s, c) => s + c.length, 0));
  let at = 0;
  for (const c of all) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

let CRC_TABLE: Uint32Array | undefined;
function crc32(data: Uint8Array): number {
  if (!CRC_TABLE) {
    CRC_TABLE = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      CRC_TABLE[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const b of data) crc = CRC_TABLE[(crc ^ b) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
