/**
 * Turning an uploaded file's bytes into text, the way spreadsheet and address-book
 * exports are actually encoded: UTF-8 (with or without a BOM), UTF-16 with a BOM,
 * and — when the bytes are not valid UTF-8 — Windows-1252, which is what "Latin-1"
 * files from Excel and Outlook really are. Pure: uses only the global `TextDecoder`.
 */

const utf8Strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The encoding a byte-order mark announces, and the mark's length; null when there is none. */
export function detectBom(bytes: Uint8Array): { encoding: 'utf-8' | 'utf-16le' | 'utf-16be'; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/**
 * Decodes a whole file: a UTF-16 BOM decides when there is one; otherwise UTF-8 when
 * the bytes are valid UTF-8 and Windows-1252 when not (also after a UTF-8 BOM, since
 * a BOM says little about what an editor saved after it). The BOM is not returned.
 */
export function decodeText(bytes: Uint8Array): string {
  const bom = detectBom(bytes);
  const body = bytes.subarray(bom?.length ?? 0);
  if (bom && bom.encoding !== 'utf-8') return new TextDecoder(bom.encoding, { ignoreBOM: true }).decode(body);
  try {
    return utf8Strict.decode(body);
  } catch {
    return decodeWindows1252(body);
  }
}

/**
 * Decodes bytes in a named character set (a vCard `CHARSET=` parameter), falling back
 * to `fallback` when the label is unknown. Labels follow the WHATWG Encoding Standard,
 * so ISO-8859-1, Latin-1 and US-ASCII all mean Windows-1252. A value declared UTF-8
 * that is not valid UTF-8 is read as Windows-1252 rather than filled with U+FFFD.
 */
export function decodeCharset(bytes: Uint8Array, label: string, fallback = 'utf-8'): string {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label.trim(), { ignoreBOM: true });
  } catch {
    decoder = new TextDecoder(fallback, { ignoreBOM: true });
  }
  if (decoder.encoding === 'windows-1252' || (decoder.encoding === 'utf-8' && !isValidUtf8(bytes))) return decodeWindows1252(bytes);
  return decoder.decode(bytes);
}

/** True when the bytes are well-formed UTF-8. */
export function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    utf8Strict.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Windows-1252 characters for bytes 0x80–0x9F; the five unassigned bytes map to the C1 control of the same value. */
const WINDOWS_1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/**
 * Done here because Node 20's `TextDecoder('windows-1252')` decodes as ISO-8859-1,
 * turning "’" and "€" into invisible C1 controls.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  const codes = new Uint16Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    codes[i] = b >= 0x80 && b < 0xa0 ? WINDOWS_1252_HIGH[b - 0x80]! : b;
  }
  return charCodesToString(codes);
}

/** One character per byte (U+0000–U+00FF), so byte-oriented parsing can use string methods. */
export function bytesToBinaryString(bytes: Uint8Array): string {
  return charCodesToString(bytes);
}

/** The inverse of `bytesToBinaryString`; characters above U+00FF keep only their low byte. */
export function binaryStringToBytes(binary: string): Uint8Array {
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i) & 0xff;
  return bytes;
}

/** String.fromCharCode over large arrays, in chunks small enough to pass as arguments (spreading is 10× slower). */
function charCodesToString(codes: Uint8Array | Uint16Array): string {
  const CHUNK = 0x2000;
  const parts: string[] = [];
  for (let i = 0; i < codes.length; i += CHUNK) {
    parts.push(String.fromCharCode.apply(null, codes.subarray(i, i + CHUNK) as unknown as number[]));
  }
  return parts.join('');
}
