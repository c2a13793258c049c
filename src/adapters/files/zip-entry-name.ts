/**
 * Names of entries in zips made on Chinese Windows (Explorer's "send to compressed folder", old
 * WinRAR/360压缩) are GBK bytes without the UTF-8 flag (APPNOTE.TXT §4.4.4 bit 11). Decode them
 * as UTF-8 when flagged or valid, else from the Info-ZIP Unicode Path extra field, else GB18030.
 */
import iconv from 'iconv-lite';

const UTF8_FLAG = 0x800;
const INFO_ZIP_UNICODE_PATH = 0x7075;

export function decodeZipEntryName(raw: Buffer, generalPurposeBitFlag: number, extraFields: ReadonlyArray<{ id: number; data: Buffer }> = []): string {
  if (generalPurposeBitFlag & UTF8_FLAG) return raw.toString('utf8');
  const unicodePath = extraFields.find((f) => f.id === INFO_ZIP_UNICODE_PATH);
  // version (1 byte, = 1), CRC-32 of the raw name (4 bytes), then the UTF-8 name.
  if (unicodePath && unicodePath.data.length > 5 && unicodePath.data[0] === 1) return unicodePath.data.subarray(5).toString('utf8');
  if (isValidUtf8(raw)) return raw.toString('utf8');
  return iconv.decode(raw, 'gb18030');
}

function isValidUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
