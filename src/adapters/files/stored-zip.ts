/**
 * A zip of parts stored as they are (APPNOTE.TXT §4.3, method 0): how a workbook whose parts the
 * inspection has already inflated and proven is handed to exceljs, so that exceljs (jszip, pako)
 * does not inflate them a second time — a sixth to a tenth of its load for a form — and never
 * inflates a byte the inspection has not seen. Names are written as UTF-8 and flagged so.
 */
import zlib from 'node:zlib';

export interface StoredPart {
  name: string;
  bytes: Buffer;
}

const UTF8_FLAG = 0x800;
const VERSION = 20;

export function storedZip(parts: readonly StoredPart[]): Buffer {
  const names = parts.map((p) => Buffer.from(p.name, 'utf8'));
  let localBytes = 0;
  let centralBytes = 0;
  for (let i = 0; i < parts.length; i++) {
    localBytes += 30 + names[i]!.length + parts[i]!.bytes.length;
    centralBytes += 46 + names[i]!.length;
  }
  const out = Buffer.alloc(localBytes + centralBytes + 22);
  let at = 0;
  let central = localBytes;
  for (let i = 0; i < parts.length; i++) {
    const name = names[i]!;
    const data = parts[i]!.bytes;
    const crc = zlib.crc32(data);
    out.writeUInt32LE(0x04034b50, at);
    out.writeUInt16LE(VERSION, at + 4);
    out.writeUInt16LE(UTF8_FLAG, at + 6);
    writeEntryFacts(out, at + 14, crc, data.length, name.length);
    name.copy(out, at + 30);
    data.copy(out, at + 30 + name.length);

    out.writeUInt32LE(0x02014b50, central);
    out.writeUInt16LE(VERSION, central + 4);
    out.writeUInt16LE(VERSION, central + 6);
    out.writeUInt16LE(UTF8_FLAG, central + 8);
    writeEntryFacts(out, central + 16, crc, data.length, name.length);
    out.writeUInt32LE(at, central + 42);
    name.copy(out, central + 46);
    central += 46 + name.length;
    at += 30 + name.length + data.length;
  }
  out.writeUInt32LE(0x06054b50, central);
  out.writeUInt16LE(parts.length, central + 8);
  out.writeUInt16LE(parts.length, central + 10);
  out.writeUInt32LE(centralBytes, central + 12);
  out.writeUInt32LE(localBytes, central + 16);
  return out;
}

/** CRC-32, both sizes (equal: stored) and the name's length, in the order both headers hold them. */
function writeEntryFacts(out: Buffer, at: number, crc: number, size: number, nameLength: number): void {
  out.writeUInt32LE(crc, at);
  out.writeUInt32LE(size, at + 4);
  out.writeUInt32LE(size, at + 8);
  out.writeUInt16LE(nameLength, at + 12);
}
