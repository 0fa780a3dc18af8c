import { describe, expect, it } from 'vitest';
import { checkMailSettings, mailDomainOf, parseFromAddress, parseSmtpUrl } from '../../src/mail/sender.ts';

describe('SMTP_URL', () => {
  it.each([
    ['smtps://rapport%40example.org:p%40ss%3Aw@mail.example.org', { host: 'mail.example.org', port: 465, secure: true, user: 'rapport@example.org', pass: 'p@ss:w', display: 'smtps://rapport%40example.org:***@mail.example.org' }],
    ['smtp://u:p@mail.example.org', { port: 587, secure: false, startTls: 'required' }],
    ['smtp://mail.example.org:2525?starttls=optional', { port: 2525, startTls: 'optional', user: undefined, pass: undefined }],
    ['smtp://relay.internal:25?starttls=off', { port: 25, startTls: 'off' }],
    ['smtp://127.0.0.1:1025', { host: '127.0.0.1', startTls: 'optional' }],
    ['smtp://[::1]:1025', { host: '::1', startTls: 'optional' }],
  ])('reads %s', (url, expected) => {
    const result = parseSmtpUrl(url);
    expect(result).toMatchObject({ ok: true, settings: expected });
  });

  it.each([
    ['mail.example.org:587', /not a URL|must start with smtp/],
    ['http://mail.example.org', /must start with smtp:\/\/ or smtps:\/\/ \(got http:\/\/\)/],
    ['smtp://:secret@mail.example.org', /password but no user/],
    ['smtp://u:p@mail.example.org/inbox', /must not have a path/],
    ['smtp://u:secret@mail.example.org?tls=no', /unknown option "tls=no"/],
    ['smtps://u:p@mail.example.org?starttls=off', /does not apply to smtps/],
  ])('refuses %s, without showing the password', (url, problem) => {
    const result = parseSmtpUrl(url);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problem).toMatch(problem);
      expect(result.problem).not.toContain('secret');
    }
  });
});

describe('the From address', () => {
  it('reads a bare address or one with a name, and gives its domain for Message-IDs', () => {
    expect(parseFromAddress('rapport@example.org')).toEqual({ ok: true, from: { name: null, address: 'rapport@example.org' } });
    expect(parseFromAddress('"Rapport, the app" <rapport@Example.org>')).toEqual({ ok: true, from: { name: 'Rapport, the app', address: 'rapport@Example.org' } });
    expect(mailDomainOf('Rapport <rapport@Mail.Example.org>')).toBe('mail.example.org');
  });

  it.each(['', 'rapport', 'a@example.org, b@example.org', 'Rapport <>'])('refuses %j', (from) => {
    expect(parseFromAddress(from).ok).toBe(false);
  });
});

describe('mail settings for config', () => {
  it('accepts no SMTP at all (messages wait as drafts), or SMTP with a From', () => {
    expect(checkMailSettings({})).toEqual([]);
    expect(checkMailSettings({ from: 'rapport@example.org' })).toEqual([]);
    expect(checkMailSettings({ smtpUrl: 'smtps://u:p@mail.example.org', from: 'Rapport <rapport@example.org>' })).toEqual([]);
  });

  it('reports every problem at once', () => {
    expect(checkMailSettings({ smtpUrl: 'smtp://:p@mail.example.org' })).toEqual([
      'SMTP_URL smtp://:***@mail.example.org has a password but no user.',
      'SMTP_URL is set but the From address is not; set it to an address the SMTP server may send from.',
    ]);
  });
});
