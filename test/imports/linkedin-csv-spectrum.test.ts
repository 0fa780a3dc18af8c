/**
 * The cases of the public csv-spectrum suite (github.com/max-mapper/csv-spectrum),
 * each moved into the cells of a LinkedIn Connections.csv so the whole path —
 * decoding, header search, csv-parse, mapping — is exercised.
 */
import { describe, expect, it } from 'vitest';
import { parseLinkedInConnections } from '../../src/imports/linkedin-csv.ts';
import { LINKEDIN_HEADER, LINKEDIN_NOTES, utf8 } from './helpers.ts';

function parse(text: string) {
  return parseLinkedInConnections(utf8(text)).people.map((p) => ({ line: p.line, name: p.name, organization: p.organization, title: p.title }));
}

describe('csv-spectrum cases in LinkedIn files', () => {
  it('comma_in_quotes', () => {
    expect(parse(`${LINKEDIN_HEADER}\nJohn,Doe,,,"Anytown, WW",08123,\n`)).toEqual([{ line: 2, name: 'John Doe', organization: 'Anytown, WW', title: '08123' }]);
  });

  it('escaped_quotes', () => {
    expect(parse(`${LINKEDIN_HEADER}\n1,"ha ""ha"" ha",,,,,\n3,4,,,,,\n`)).toEqual([
      { line: 2, name: '1 ha "ha" ha', organization: null, title: null },
      { line: 3, name: '3 4', organization: null, title: null },
    ]);
  });

  it('newlines', () => {
    expect(parse(`${LINKEDIN_HEADER}\n1,2,,,3,,\n"Once upon \na time",5,,,6,,\n7,8,,,9,,\n`)).toEqual([
      { line: 2, name: '1 2', organization: '3', title: null },
      { line: 3, name: 'Once upon a time 5', organization: '6', title: null },
      { line: 5, name: '7 8', organization: '9', title: null },
    ]);
  });

  it('newlines_crlf', () => {
    expect(parse(`${LINKEDIN_HEADER}\r\n1,2,,,3,,\r\n"Once upon \r\na time",5,,,6,,\r\n7,8,,,9,,\r\n`).map((p) => [p.line, p.name])).toEqual([
      [2, '1 2'],
      [3, 'Once upon a time 5'],
      [5, '7 8'],
    ]);
  });

  it('quotes_and_newlines', () => {
    expect(parse(`${LINKEDIN_HEADER}\n1,"ha \n""ha"" \nha",,,,,\n3,4,,,,,\n`).map((p) => [p.line, p.name])).toEqual([
      [2, '1 ha "ha" ha'],
      [5, '3 4'],
    ]);
  });

  it('empty and empty_crlf: quoted empty fields', () => {
    const expected = [
      { line: 2, name: '1', organization: null, title: null },
      { line: 3, name: '2 3', organization: '4', title: null },
    ];
    expect(parse(`${LINKEDIN_HEADER}\n1,"",,,"",,\n2,3,,,4,,\n`)).toEqual(expected);
    expect(parse(`${LINKEDIN_HEADER}\r\n1,"",,,"",,\r\n2,3,,,4,,\r\n`)).toEqual(expected);
  });

  it('simple and simple_crlf', () => {
    const expected = [{ line: 2, name: '1 2', organization: '3', title: null }];
    expect(parse(`${LINKEDIN_HEADER}\n1,2,,,3,,\n`)).toEqual(expected);
    expect(parse(`${LINKEDIN_HEADER}\r\n1,2,,,3,,\r\n`)).toEqual(expected);
    // No newline after the last row.
    expect(parse(`${LINKEDIN_HEADER}\r\n1,2,,,3,,`)).toEqual(expected);
  });

  it('utf8', () => {
    expect(parse(`${LINKEDIN_HEADER}\n1,2,,,3,,\n4,5,,,ʤ,,\n`)).toEqual([
      { line: 2, name: '1 2', organization: '3', title: null },
      { line: 3, name: '4 5', organization: 'ʤ', title: null },
    ]);
  });

  it('json: a cell holding JSON with quotes and commas', () => {
    expect(parse(`${LINKEDIN_HEADER}\n1,x,,,,"{""type"": ""Point"", ""coordinates"": [102.0, 0.5]}",\n`)).toEqual([
      { line: 2, name: '1 x', organization: null, title: '{"type": "Point", "coordinates": [102.0, 0.5]}' },
    ]);
  });

  it('location_coordinates: non-ASCII inside quotes with a comma', () => {
    expect(parse(`${LINKEDIN_NOTES}${LINKEDIN_HEADER}\nMiami,FL,,,"25.7617° N, 80.1918° W",,\n`)).toEqual([
      { line: 5, name: 'Miami FL', organization: '25.7617° N, 80.1918° W', title: null },
    ]);
  });

  it('bom: a UTF-8 BOM before the header', () => {
    expect(parse(`\uFEFF${LINKEDIN_HEADER}\n1,2,,,3,,\n`)).toEqual([{ line: 2, name: '1 2', organization: '3', title: null }]);
  });

  it('latin1: Windows-1252 bytes', () => {
    const bytes = Uint8Array.from(`${LINKEDIN_HEADER}\r\nJos\xe9,Pe\xf1a,,,Caf\xe9 \x80uro,,\r\n`, (c) => c.charCodeAt(0));
    expect(parseLinkedInConnections(bytes).people.map((p) => [p.name, p.organization])).toEqual([['José Peña', 'Café €uro']]);
  });
});
