/**
 * A minimal reader of the Compound File Binary directory ([MS-CFB] §2): just enough to list the
 * stream names, which is what tells a legacy .xls (`Workbook`/`Book`), a WPS .et, a Word .doc
 * (`WordDocument`) and a password-encrypted OOXML (`EncryptionInfo` + `EncryptedPackage`,
 * [MS-OFFCRYPTO] §2.3.4) apart. It never reads stream contents.
 */

const ENDOFCHAIN = 0xfffffffe;
const MAX_SECTOR = 0xfffffffa;

export interface CfbEntry {
  name: string;
  type: 'storage' | 'stream' | 'root';
}

/** Lists the directory entries, or returns null when the header or the chains are broken. */
export function readCfbDirectory(bytes: Buffer): CfbEntry[] | null {
  if (bytes.length < 512) return null;
  const shift = bytes.readUInt16LE(0x1e);
  if (shift !== 9 && shift !== 12) return null;
  const sectorSize = 1 << shift;
  const sectorCount = Math.floor((bytes.length - sectorSize) / sectorSize) + 1;
  const sector = (id: number): Buffer | null => {
    const start = (id + 1) * sectorSize;
    return id <= MAX_SECTOR && start + sectorSize <= bytes.length ? bytes.subarray(start, start + sectorSize) : null;
  };

  // FAT sector ids: 109 in the header, then a chain of DIFAT sectors.
  const fatSectorIds: number[] = [];
  for (let i = 0; i < 109; i++) fatSectorIds.push(bytes.readUInt32LE(0x4c + i * 4));
  let difat = bytes.readUInt32LE(0x44);
  for (let guard = 0; difat <= MAX_SECTOR && guard < sectorCount; guard++) {
    const s = sector(difat);
    if (!s) return null;
    for (let i = 0; i < sectorSize / 4 - 1; i++) fatSectorIds.push(s.readUInt32LE(i * 4));
    difat = s.readUInt32LE(sectorSize - 4);
  }
  const fat: number[] = [];
  for (const id of fatSectorIds) {
    if (id > MAX_SECTOR) continue;
    const s = sector(id);
    if (!s) return null;
    for (let i = 0; i < sectorSize / 4; i++) fat.push(s.readUInt32LE(i * 4));
  }

  const entries: CfbEntry[] = [];
  let dir = bytes.readUInt32LE(0x30);
  for (let guard = 0; dir !== ENDOFCHAIN; guard++) {
    if (guard > sectorCount || dir > MAX_SECTOR) return null;
    const s = sector(dir);
    if (!s) return null;
    for (let off = 0; off + 128 <= sectorSize; off += 128) {
      const type = s[off + 0x42];
      if (type !== 1 && type !== 2 && type !== 5) continue;
      const nameBytes = Math.min(s.readUInt16LE(off + 0x40), 64);
      const name = s.subarray(off, off + Math.max(nameBytes - 2, 0)).toString('utf16le');
      entries.push({ name, type: type === 1 ? 'storage' : type === 2 ? 'stream' : 'root' });
    }
    const next = fat[dir];
    if (next === undefined) return null;
    dir = next;
  }
  return entries.length > 0 ? entries : null;
}

export type CfbKind = 'encrypted-ooxml' | 'wps-et' | 'legacy-xls' | 'word' | 'powerpoint' | 'other';

/** What a CFB container holds; the file name decides only between a .xls and a WPS .et. */
export function classifyCfb(entries: CfbEntry[], fileName: string): CfbKind {
  const names = new Set(entries.filter((e) => e.type !== 'root').map((e) => e.name.toLowerCase()));
  if (names.has('encryptioninfo') && names.has('encryptedpackage')) return 'encrypted-ooxml';
  const ext = fileName.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1] ?? '';
  // WPS 表格 writes BIFF-like workbooks, sometimes with its own ETExtData stream.
  if (ext === 'et' || ext === 'ett' || names.has('etextdata')) return 'wps-et';
  if (names.has('workbook') || names.has('book')) return 'legacy-xls';
  if (names.has('worddocument')) return 'word';
  if (names.has('powerpoint document')) return 'powerpoint';
  return 'other';
}
