/**
 * A real SMTP server on 127.0.0.1 (smtp-server) for the outbox tests: it keeps
 * every message it accepts, can answer 4xx or 5xx instead, can stop listening and
 * come back on the same port, and can require a user and password.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { parseMime, type MimeEntity } from './mime.ts';

export interface ReceivedMail {
  raw: string;
  mime: MimeEntity;
  messageId: string | undefined;
  envelopeTo: string[];
  user: string | undefined;
}

export type SmtpMode = { kind: 'accept' } | { kind: 'reject'; code: number; text: string };

export interface LoopbackSmtpOptions {
  /** When set, AUTH with exactly these is required. */
  credentials?: { user: string; pass: string };
  /** Wait this long before answering the end of DATA (lets concurrent workers overlap). */
  dataDelayMs?: number;
}

export class LoopbackSmtp {
  readonly received: ReceivedMail[] = [];
  mode: SmtpMode = { kind: 'accept' };
  /** Attempts that reached the end of DATA, accepted or not. */
  dataAttempts = 0;
  private server: SMTPServer | undefined;

  private constructor(
    private readonly options: LoopbackSmtpOptions,
    public port: number,
  ) {}

  static async start(options: LoopbackSmtpOptions = {}): Promise<LoopbackSmtp> {
    const smtp = new LoopbackSmtp(options, 0);
    await smtp.listen();
    return smtp;
  }

  /** smtp://[user:pass@]127.0.0.1:port */
  get url(): string {
    const c = this.options.credentials;
    const auth = c ? `${encodeURIComponent(c.user)}:${encodeURIComponent(c.pass)}@` : '';
    return `smtp://${auth}127.0.0.1:${this.port}`;
  }

  /** Listens (again) on its port; the first time on a random free one. */
  async listen(): Promise<void> {
    const credentials = this.options.credentials;
    const server = new SMTPServer({
      logger: false,
      // Plain loopback: no certificate to trust, so no STARTTLS offered.
      disabledCommands: credentials ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
      authOptional: !credentials,
      allowInsecureAuth: true,
      onAuth: (auth, _session, callback) => {
        if (credentials && auth.username === credentials.user && auth.password === credentials.pass) callback(null, { user: auth.username });
        else callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          this.dataAttempts++;
          const finish = () => {
            const mode = this.mode;
            if (mode.kind === 'reject') {
              callback(Object.assign(new Error(mode.text), { responseCode: mode.code }));
              return;
            }
            const raw = Buffer.concat(chunks).toString('utf8');
            const mime = parseMime(raw);
            this.received.push({
              raw,
              mime,
              messageId: mime.header('message-id'),
              envelopeTo: session.envelope.rcptTo.map((r) => r.address),
              user: typeof session.user === 'string' ? session.user : undefined,
            });
            callback(null, 'Queued');
          };
          if (this.options.dataDelayMs) setTimeout(finish, this.options.dataDelayMs);
          else finish();
        });
      },
    });
    server.on('error', () => undefined);
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.server.address() as AddressInfo).port;
    this.server = server;
  }

  get listening(): boolean {
    return this.server !== undefined;
  }

  /** Stops listening; connections are refused until `listen()`. */
  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Received messages, one per Message-ID: what a de-duplicating mailbox shows. */
  uniqueMessageIds(): string[] {
    return [...new Set(this.received.map((m) => m.messageId ?? '(none)'))];
  }
}
