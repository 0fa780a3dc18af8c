import { describe, expect, it } from 'vitest';
import {
  binaryStringToBytes,
  bytesToBinaryString,
  decodeCharset,
  decodeText,
  decodeWindows1252,
  detectBom,
  isValidUtf8,
} from '../../src/imports/text-decoding.ts';
import { utf8 } from './helpers.ts';

const bytes = (...values: number[]) => Uint8Array.from(values);

describe('decodeText', () => {
  it('decodes UTF-8 and drops its BOM', () => {
    expect(decodeText(utf8('\uFEFFZoë'))).toBe('Zoë');
    expect(decodeText(utf8('Zoë'))).toBe('Zoë');
  });

  it('falls back to Windows-1252 when the bytes are not UTF-8, with or without a BOM', () => {
    expect(decodeText(bytes(0x5a, 0x6f, 0xeb, 0x20, 0x80, 0x92))).toBe('Zoë €’');
    expect(decodeText(bytes(0xef, 0xbb, 0xbf, 0x43, 0x61, 0x66, 0xe9))).toBe('Café');
  });

  it('decodes UTF-16 with a BOM, both byte orders', () => {
    expect(decodeText(bytes(0xff, 0xfe, 0x5a, 0x00, 0xeb, 0x00))).toBe('Zë');
    expect(decodeText(bytes(0xfe, 0xff, 0x00, 0x5a, 0x00, 0xeb))).toBe('Zë');
  });

  it('recognizes byte-order marks and valid UTF-8', () => {
    expect(detectBom(utf8('a'))).toBeNull();
    expect(detectBom(bytes(0xef, 0xbb, 0xbf, 0x61))).toEqual({ encoding: 'utf-8', length: 3 });
    expect(detectBom(bytes(0xff, 0xfe))).toEqual({ encoding: 'utf-16le', length: 2 });
    expect(isValidUtf8(bytes(0xc3, 0xa9))).toBe(true);
    expect(isValidUtf8(bytes(0xc3))).toBe(false);
  });
});

describe('decodeWindows1252', () => {
  it('maps 0x80–0x9F to the Windows-1252 characters, not C1 controls', () => {
    expect(decodeWindows1252(bytes(0x80, 0x85, 0x91, 0x92, 0x93, 0x94, 0x96, 0x97, 0x99, 0x9c))).toBe('€…‘’“”–—™œ');
    // The five unassigned bytes stay distinct, so the mapping can be undone.
    expect(decodeWindows1252(bytes(0x81, 0x8d, 0x8f, 0x90, 0x9d))).toBe('\x81\x8d\x8f\x90\x9d');
  });

  it('decodes large inputs', () => {
    const large = new Uint8Array(100_000).fill(0xe9);
    expect(decodeWindows1252(large)).toBe('é'.repeat(100_000));
  });
});

describe('decodeCharset', () => {
  it.each([
    ['utf-8', [0x4d, 0xc3, 0xbc], 'Mü'],
    ['UTF-8', [0x4d, 0xfc], 'Mü'],
    ['ISO-8859-1', [0x4d, 0xfc, 0x80], 'Mü€'],
    ['Windows-1252', [0x92], '’'],
    ['latin1', [0xe9], 'é'],
    ['x-unknown-charset', [0x4d, 0xc3, 0xbc], 'Mü'],
    ['x-unknown-charset', [0x4d, 0xfc], 'Mü'],
    ['shift_jis', [0x93, 0xfa, 0x96, 0x7b], '日本'],
  ])('%s %j → %s', (label, input, text) => expect(decodeCharset(Uint8Array.from(input), label)).toBe(text));
});

describe('binary strings', () => {
  it('round-trips every byte value', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    const binary = bytesToBinaryString(all);
    expect(binary).toHaveLength(256);
    expect(binaryStringToBytes(binary)).toEqual(all);
  });
});
