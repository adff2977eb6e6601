import { readFileSync } from 'node:fs';

/** The shape of --format json; bumped only when a consumer would break. Here, not in model.ts, so printing it needs no zod. */
export const SCHEMA_VERSION = 1;

/** Read once from package.json so the version has one home. */
export const VERSION: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
