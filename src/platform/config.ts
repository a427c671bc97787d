import path from 'node:path';
import { z } from 'zod';

// Every environment variable Vaka reads, in one place; the README's configuration table mirrors it.
const Environment = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_URL: z.url().optional(),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Vaka <no-reply@vaka.local>'),
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD: z.string().min(12).optional(),
  AGENCY_NAME: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
  MAX_UPLOAD_MB: z.coerce.number().min(1).max(1024).default(25),
  REQUESTS_PER_MINUTE: z.coerce.number().int().min(10).max(1_000_000).default(600),
});

export type Config = {
  port: number;
  host: string;
  publicUrl: string | undefined;
  dataDir: string;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  smtpUrl: string | undefined;
  mailFrom: string;
  bootstrap: { email: string; password: string; agencyName: string } | undefined;
  logLevel: string;
  trustProxy: boolean;
  maxUploadBytes: number;
  requestsPerMinute: number;
  webRoot: string;
};

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Environment.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Vaka cannot start: the environment is not valid\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const wantsBootstrap = e.ADMIN_EMAIL || e.ADMIN_PASSWORD;
  if (wantsBootstrap && !(e.ADMIN_EMAIL && e.ADMIN_PASSWORD)) {
    throw new Error(
      'Vaka cannot start: set ADMIN_EMAIL and ADMIN_PASSWORD together (and optionally AGENCY_NAME)',
    );
  }
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl: e.PUBLIC_URL?.replace(/\/$/, ''),
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL || undefined,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    smtpUrl: e.SMTP_URL || undefined,
    mailFrom: e.MAIL_FROM,
    bootstrap:
      e.ADMIN_EMAIL && e.ADMIN_PASSWORD
        ? { email: e.ADMIN_EMAIL, password: e.ADMIN_PASSWORD, agencyName: e.AGENCY_NAME ?? 'Ministry' }
        : undefined,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    maxUploadBytes: e.MAX_UPLOAD_MB * 1024 * 1024,
    requestsPerMinute: e.REQUESTS_PER_MINUTE,
    webRoot: path.resolve(import.meta.dirname, '../../dist/web'),
  };
}
