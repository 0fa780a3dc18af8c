import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportReport } from '../../src/imports/types.ts';
import type { Contact, ContactHistoryEntry, ContactListItem, Page } from '../../src/shared/api.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS, dialectUnavailable } from '../support/databases.ts';

const PREAMBLE = [
  'Notes:',
  '"When exporting your connection data, you may notice that some of the email addresses are missing. You will only see email addresses for connections who have allowed their connections to see or download their email address using this setting https://www.linkedin.com/psettings/privacy/email. You can learn more about this here: https://www.linkedin.com/help/linkedin/answer/261"',
  '',
];
const HEADER = 'First Name,Last Name,URL,Email Address,Company,Position,Connected On';

function linkedin(rows: string[]): string {
  return `\uFEFF${[...PREAMBLE, HEADER, ...rows].join('\r\n')}\r\n`;
}

const FIRST = linkedin([
  'Dana,Reyes,https://www.linkedin.com/in/dana-reyes,dana@contoso.example,Contoso,Head of Design,12 Mar 2024',
  'Sam,Okafor,https://www.linkedin.com/in/sam-okafor,,"Fabrikam, Inc.",Analyst,02 Jan 2019',
  '"Ana ""Nana""",Silva,https://www.linkedin.com/in/ana-silva,,Contoso,"Engineer,',
  'Platform",15 Jul 2023',
  ',,,,,,',
]);

describe.each(DIALECTS)('imports over HTTP on %s', (dialect) => {
  const skip = dialectUnavailable(dialect);
  let t: TestApp;
  let cookie: string;
  beforeAll(async () => {
    if (skip) return;
    t = await createTestApp(dialect);
    ({ cookie } = await t.signUpAndIn('seeker@example.com'));
  });
  afterAll(async () => {
    await t?.close();
  });

  const upload = (format: string, body: string | Uint8Array, dryRun: boolean) =>
    t.request('POST', `/api/imports/${format}?dryRun=${dryRun}`, {
      cookie,
      rawBody: body as string,
      headers: { 'content-type': format === 'vcard' ? 'text/vcard' : 'text/csv' },
    });
  const contacts = async () => (await (await t.request('GET', '/api/contacts?limit=500', { cookie })).json()) as Page<ContactListItem>;

  it.skipIf(skip)('previews, then imports, a LinkedIn export; importing it again creates nothing', async () => {
    const preview = await upload('linkedin', FIRST, true);
    expect(preview.status).toBe(200);
    expect(await preview.json()).toEqual({ dryRun: true, read: 3, created: 3, updated: 0, unchanged: 0, skipped: [], organizationsCreated: 2 });
    expect((await contacts()).total).toBe(0);

    const done = (await (await upload('linkedin', FIRST, false)).json()) as ImportReport;
    expect(done).toMatchObject({ dryRun: false, created: 3, organizationsCreated: 2 });
    const list = await contacts();
    expect(list.items.map((c) => [c.name, c.organization?.name, c.title])).toEqual([
      ['Ana "Nana" Silva', 'Contoso', 'Engineer, Platform'],
      ['Dana Reyes', 'Contoso', 'Head of Design'],
      ['Sam Okafor', 'Fabrikam, Inc.', 'Analyst'],
    ]);
    const dana = (await (await t.request('GET', `/api/contacts/${list.items[1]!.id}`, { cookie })).json()) as Contact;
    expect(dana).toMatchObject({ source: 'LinkedIn', connectedOn: '2024-03-12', linkedinUrl: 'https://www.linkedin.com/in/dana-reyes', emails: ['dana@contoso.example'] });

    const again = (await (await upload('linkedin', FIRST, false)).json()) as ImportReport;
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    expect((await contacts()).total).toBe(3);
  });

  it.skipIf(skip)('a new position updates the contact and keeps the earlier one in its history', async () => {
    const moved = linkedin(['Dana,Reyes,https://www.linkedin.com/in/dana-reyes,,Northwind,VP Design,12 Mar 2024']);
    expect(await (await upload('linkedin', moved, false)).json()).toMatchObject({ created: 0, updated: 1, organizationsCreated: 1 });
    const dana = (await contacts()).items.find((c) => c.name === 'Dana Reyes')!;
    expect(dana).toMatchObject({ title: 'VP Design', organization: { name: 'Northwind' }, emails: ['dana@contoso.example'] });
    const history = (await (await t.request('GET', `/api/contacts/${dana.id}/history`, { cookie })).json()) as ContactHistoryEntry[];
    expect(history.map((h) => [h.field, h.oldValue, h.newValue]).sort()).toEqual([
      ['organization', 'Contoso', 'Northwind'],
      ['title', 'Head of Design', 'VP Design'],
    ]);
  });

  it.skipIf(skip)('refuses a malformed file with the line at fault and writes nothing', async () => {
    const before = (await contacts()).total;
    const broken = linkedin(['Lee,Park,https://www.linkedin.com/in/lee-park,,Acme,CEO,01 Feb 2020', 'Kim,"Unclosed,https://www.linkedin.com/in/kim,,Acme,CTO,01 Feb 2020']);
    const response = await upload('linkedin', broken, false);
    expect(response.status).toBe(422);
    const body = (await response.json()) as { error: { code: string; message: string; details: { line: number } } };
    expect(body.error.code).toBe('IMPORT_MALFORMED');
    expect(body.error.details.line).toBe(6);
    expect((await contacts()).total).toBe(before);

    const notLinkedIn = await upload('linkedin', 'name,phone\nDana,555\n', false);
    expect(notLinkedIn.status).toBe(422);
    expect(await notLinkedIn.json()).toMatchObject({ error: { code: 'IMPORT_HEADER_NOT_FOUND' } });
    const empty = await upload('linkedin', '', false);
    expect(empty.status).toBe(400);
    expect((await t.request('POST', '/api/imports/excel', { cookie, rawBody: 'x', headers: { 'content-type': 'text/csv' } })).status).toBe(404);
    expect((await contacts()).total).toBe(before);
  });

  it.skipIf(skip)('imports vCards and matches them to LinkedIn contacts by e-mail', async () => {
    const cards = [
      'BEGIN:VCARD',
      'VERSION:3.0',
      'FN:Dana Reyes',
      'N:Reyes;Dana;;;',
      'EMAIL;TYPE=INTERNET:dana@contoso.example',
      'TEL;TYPE=CELL:+1 415 555 0100',
      'END:VCARD',
      'BEGIN:VCARD',
      'VERSION:3.0',
      'FN:Wendy Park',
      'ORG:Contoso;Design',
      'item1.EMAIL;type=INTERNET:wendy@contoso.example',
      'END:VCARD',
      '',
    ].join('\r\n');
    const report = (await (await upload('vcard', cards, false)).json()) as ImportReport;
    expect(report).toMatchObject({ read: 2, created: 1, updated: 1 });
    const dana = (await contacts()).items.find((c) => c.name === 'Dana Reyes')!;
    const full = (await (await t.request('GET', `/api/contacts/${dana.id}`, { cookie })).json()) as Contact;
    expect(full.phones).toEqual(['+1 415 555 0100']);
  });

  it.skipIf(skip)('holds imported values to the limits the API keeps, the same on both databases', async () => {
    const cards = [
      'BEGIN:VCARD',
      'VERSION:2.1',
      `FN:${'Very Long Name '.repeat(300)}`,
      'END:VCARD',
      'BEGIN:VCARD',
      'VERSION:2.1',
      'FN;ENCODING=QUOTED-PRINTABLE:Nul=00Byte Person',
      `ORG:${'Org '.repeat(100)}`,
      `NOTE:${'n'.repeat(200_000)}`,
      'END:VCARD',
      '',
    ].join('\r\n');
    const response = await upload('vcard', cards, false);
    expect(response.status).toBe(200);
    const report = (await response.json()) as ImportReport;
    expect(report).toMatchObject({ read: 2, created: 1, skipped: [{ line: 1, reason: 'name longer than 200 characters' }] });
    const nul = (await contacts()).items.find((c) => c.name === 'NulByte Person')!;
    expect(nul.organization!.name.length).toBeLessThanOrEqual(200);
    const full = (await (await t.request('GET', `/api/contacts/${nul.id}`, { cookie })).json()) as Contact;
    expect(full.notes!.length).toBeLessThanOrEqual(100_000);
  });

  it.skipIf(skip)('is only for the signed-in account', async () => {
    const anonymous = await t.request('POST', '/api/imports/linkedin?dryRun=true', { rawBody: FIRST, headers: { 'content-type': 'text/csv' } });
    expect(anonymous.status).toBe(401);
    const { cookie: other } = await t.signUpAndIn('other@example.com');
    const report = await t.request('POST', '/api/imports/linkedin?dryRun=true', { cookie: other, rawBody: FIRST, headers: { 'content-type': 'text/csv' } });
    expect(await report.json()).toMatchObject({ created: 3, updated: 0, unchanged: 0 });
  });
});
