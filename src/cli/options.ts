import type { ConfigFlags } from '../config.ts';

/** The options every `rapport` command accepts: the configuration flags, output format and account. */
export interface GlobalOptions extends ConfigFlags {
  format?: string;
  as?: string;
}
