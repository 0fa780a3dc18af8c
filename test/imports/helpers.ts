/** Shared by the import parser tests: fixtures as bytes, and catching the AppError a parser throws. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AppError } from '../../src/core/errors.ts';

const FIXTURES = fileURLToPath(new URL('../fixtures/imports/', import.meta.url));

export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(FIXTURES + name));
}

export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** Runs `parse` and returns the AppError it throws; fails the test when it throws nothing or something else. */
export function appErrorFrom(parse: () => unknown): AppError {
  try {
    parse();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw new Error(`expected an AppError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected an AppError, but parsing succeeded');
}

export const LINKEDIN_HEADER = 'First Name,Last Name,URL,Email Address,Company,Position,Connected On';

/** The "Notes:" block LinkedIn has put above the header since 2019 (three lines, the last blank). */
export const LINKEDIN_NOTES =
  'Notes:\n"When exporting your connection data, you may notice that some of the email addresses are missing. ' +
  'You will only see email addresses for connections who have allowed their connections to see or download their ' +
  'email address using this setting https://www.linkedin.com/psettings/privacy/email. You can learn more here ' +
  'https://www.linkedin.com/help/linkedin/answer/261"\n\n';
