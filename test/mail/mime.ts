/**
 * Just enough MIME reading for the tests to look inside what the SMTP server
 * received: headers (unfolded, encoded words decoded), multipart bodies, and the
 * base64 / quoted-printable / 7bit transfer encodings nodemailer writes.
 */

export interface MimeEntity {
  headers: Map<string, string[]>;
  header(name: string): string | undefined;
  /** The content type without parameters, lower case. */
  type: string;
  params: Map<string, string>;
  /** Decoded body bytes (empty for multipart). */
  body: Buffer;
  parts: MimeEntity[];
  /** This entity and every part below it, depth first. */
  walk(): MimeEntity[];
}

function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([bBqQ])\?([^?]*)\?=/g, (_m, _charset: string, encoding: string, text: string) =>
      encoding.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_x, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))), 'latin1').toString('utf8'),
    );
}

function decodeQuotedPrintable(text: string): Buffer {
  const softBreaksRemoved = text.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < softBreaksRemoved.length; i++) {
    const ch = softBreaksRemoved[i]!;
    const hex = softBreaksRemoved.slice(i + 1, i + 3);
    if (ch === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(ch, 'utf8'));
    }
  }
  return Buffer.from(bytes);
}

function parseParams(value: string): { type: string; params: Map<string, string> } {
  const [type = '', ...rest] = value.split(';');
  const params = new Map<string, string>();
  for (const part of rest) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    params.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim().replace(/^"|"$/g, ''));
  }
  return { type: type.trim().toLowerCase(), params };
}

export function parseMime(raw: string): MimeEntity {
  const split = raw.search(/\r?\n\r?\n/);
  const headerText = split < 0 ? raw : raw.slice(0, split);
  const bodyText = split < 0 ? '' : raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const headers = new Map<string, string[]>();
  for (const line of headerText.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    headers.set(name, [...(headers.get(name) ?? []), decodeWords(line.slice(colon + 1).trim())]);
  }
  const header = (name: string) => headers.get(name.toLowerCase())?.[0];
  const { type, params } = parseParams(header('content-type') ?? 'text/plain');
  const parts: MimeEntity[] = [];
  let body: Buffer = Buffer.alloc(0);
  const boundary = params.get('boundary');
  if (type.startsWith('multipart/') && boundary) {
    const sections = bodyText.split(new RegExp(`\\r?\\n?--${boundary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:--)?\\r?\\n?`));
    for (const section of sections.slice(1, -1)) parts.push(parseMime(section));
  } else {
    const encoding = (header('content-transfer-encoding') ?? '7bit').toLowerCase();
    body =
      encoding === 'base64'
        ? Buffer.from(bodyText.replace(/\s+/g, ''), 'base64')
        : encoding === 'quoted-printable'
          ? decodeQuotedPrintable(bodyText)
          : Buffer.from(bodyText.replace(/\r?\n$/, ''), 'utf8');
  }
  const entity: MimeEntity = {
    headers,
    header,
    type,
    params,
    body,
    parts,
    walk: () => [entity, ...parts.flatMap((p) => p.walk())],
  };
  return entity;
}
