/** First-run setup of the owner account, accounts added from the CLI, and "which account?" for the CLI. */
import { APIError } from 'better-auth/api';
import type { Auth } from '../auth/auth.ts';
import { AppError } from '../core/errors.ts';
import * as users from '../repositories/user.repository.ts';
import type { ServiceContext } from './context.ts';

export interface NewAccount {
  name: string;
  email: string;
  password: string;
}

export async function instanceIsSetUp(ctx: ServiceContext): Promise<boolean> {
  return (await users.isSetupClaimed(ctx.db)) || (await users.countUsers(ctx.db)) > 0;
}

/**
 * Creates the owner on first run. Two browsers racing through setup cannot both
 * win: the claim is a single-row insert that only one of them gets.
 */
export async function setUpOwner(ctx: ServiceContext, auth: Auth, account: NewAccount): Promise<users.UserSummary> {
  if ((await users.countUsers(ctx.db)) > 0 || !(await users.claimSetup(ctx.db, ctx.now().toISOString()))) {
    throw new AppError('ALREADY_SET_UP', 'Rapport is already set up. Sign in instead.');
  }
  try {
    return await addAccount(ctx, auth, account);
  } catch (error) {
    await users.releaseSetup(ctx.db);
    throw error;
  }
}

export async function addAccount(ctx: ServiceContext, auth: Auth, account: NewAccount): Promise<users.UserSummary> {
  if (await users.findUserByEmail(ctx.db, account.email)) {
    throw new AppError('DUPLICATE', `An account for ${account.email} already exists.`, {
      issues: [{ field: 'email', message: 'already has an account' }],
    });
  }
  try {
    await auth.api.signUpEmail({ body: { name: account.name, email: account.email, password: account.password } });
  } catch (error) {
    if (error instanceof APIError) {
      throw new AppError('VALIDATION_FAILED', error.message || 'The account could not be created.');
    }
    throw error;
  }
  const created = await users.findUserByEmail(ctx.db, account.email);
  if (!created) throw new AppError('INTERNAL', 'The account was not saved.');
  await users.claimSetup(ctx.db, ctx.now().toISOString());
  return created;
}

/** The account a CLI command acts for: the one named, or the only one there is. */
export async function resolveAccount(ctx: ServiceContext, email: string | undefined): Promise<users.UserSummary> {
  if (email) {
    const user = await users.findUserByEmail(ctx.db, email);
    if (!user) throw new AppError('NOT_FOUND', `No account for ${email}. Create one with: rapport user add ${email}`);
    return user;
  }
  const some = await users.listUsers(ctx.db, 2);
  if (some.length === 0) throw new AppError('NOT_FOUND', 'There is no account yet. Create one with: rapport user add EMAIL');
  if (some.length > 1) throw new AppError('VALIDATION_FAILED', 'This instance has several accounts; say which with --as EMAIL.');
  return some[0]!;
}
