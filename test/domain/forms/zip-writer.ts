/**
 * A tiny zip writer for fixtures that no honest tool would make: declared sizes that lie, names
 * in GBK without the UTF-8 flag. APPNOTE.TXT §4.3: local headers, central directory, end record.
 */
import zlib from 'node:zlib';

export interface ZipFixtureEntry {
  name: Buffer | string;
  data: Buffer;
  /** Set the UTF-8 flag (bit 11); default true for string names. */
  utf8?: boolean;
  /** Override the declared uncompressed size (to lie). */
  declaredSize?: number;
  /** Store these bytes as the entry's deflated data instead of deflating `data` (to lie cheaply). */
  packed?: Buffer;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export function writeZip(entries: ZipFixtureEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = typeof e.name === 'string' ? Buffer.from(e.name, 'utf8') : e.name;
    const flags = (e.utf8 ?? typeof e.name === 'string') ? 0x800 : 0;
    const packed = e.packed ?? zlib.deflateRawSync(e.data, { level: 9 });
    const size = e.declaredSize ?? e.data.length;
    const crc = crc32(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(flags, 6); local.writeUInt16LE(8, 8);
    local.writeUInt32LE(0, 10); local.writeUInt32LE(crc, 14); local.writeUInt32LE(packed.length, 18); local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26); local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6); central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(8, 10); central.writeUInt32LE(0, 12); central.writeUInt32LE(crc, 16); central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(size, 24); central.writeUInt16LE(name.length, 28); central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += 30 + name.length + packed.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(entries.length, 8); end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/**
 * A compound file (MS-CFB v3, 512-byte sectors) holding the given streams, each padded to at
 * least 4096 bytes so it lives in ordinary sectors (no mini stream needed).
 */
export function writeCfb(streams: { name: string; data: Buffer }[]): Buffer {
  const S = 512;
  const FREE = 0xffffffff, END = 0xfffffffe, FATSECT = 0xfffffffd;
  const padded = streams.map((s) => { const n = Math.max(4096, Math.ceil(s.data.length / S) * S); const b = Buffer.alloc(n); s.data.copy(b); return { ...s, size: Math.max(4096, s.data.length), bytes: b }; });
  const fat: number[] = [FATSECT, END];
  const starts: number[] = [];
  for (const s of padded) {
    const first = fat.length;
    starts.push(first);
    const count = s.bytes.length / S;
    for (let i = 0; i < count; i++) fat.push(i === count - 1 ? END : first + i + 1);
  }
  if (fat.length > S / 4) throw new Error('writeCfb: fixture too large for one FAT sector');
  const header = Buffer.alloc(S, 0);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x3e, 0x18); header.writeUInt16LE(3, 0x1a); header.writeUInt16LE(0xfffe, 0x1c);
  header.writeUInt16LE(9, 0x1e); header.writeUInt16LE(6, 0x20); header.writeUInt32LE(1, 0x2c);
  header.writeUInt32LE(1, 0x30); header.writeUInt32LE(4096, 0x38); header.writeUInt32LE(END, 0x3c);
  header.writeUInt32LE(END, 0x44);
  for (let i = 0; i < 109; i++) header.writeUInt32LE(i === 0 ? 0 : FREE, 0x4c + i * 4);
  const fatSector = Buffer.alloc(S, 0xff);
  fat.forEach((v, i) => fatSector.writeUInt32LE(v, i * 4));
  const dir = Buffer.alloc(S, 0);
  const entry = (i: number, name: string, type: number, child: number, right: number, start: number, size: number): void => {
    const o = i * 128;
    const n = Buffer.from(`${name}\0`, 'utf16le');
    n.copy(dir, o); dir.writeUInt16LE(n.length, o + 0x40); dir[o + 0x42] = type; dir[o + 0x43] = 1;
    dir.writeUInt32LE(FREE, o + 0x44); dir.writeUInt32LE(right, o + 0x48); dir.writeUInt32LE(child, o + 0x4c);
    dir.writeUInt32LE(start, o + 0x74); dir.writeUInt32LE(size, o + 0x78);
  };
  entry(0, 'Root Entry', 5, 1, FREE, END, 0);
  padded.forEach((s, i) => entry(i + 1, s.name, 2, FREE, i + 2 <= padded.length ? i + 2 : FREE, starts[i]!, s.size));
  return Buffer.concat([header, fatSector, dir, ...padded.map((s) => s.bytes)]);
}
