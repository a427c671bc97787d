import { sql } from 'drizzle-orm';
import type { FastifyPluginAsync } from 'fastify';
import type { Platform } from '../context.ts';
import { migrationsApplied } from '../db/migrate.ts';
import { Problem } from './problems.ts';

export const healthRoutes: FastifyPluginAsync<{ platform: Platform }> = async (app, { platform }) => {
  // Alive: the process answers. Says nothing about the database, so an orchestrator does not restart
  // a healthy process because the database blinked.
  app.get('/healthz', { config: { public: true }, schema: { hide: true } }, async () => ({
    status: 'alive',
  }));

  // Ready: the database answers and every migration is applied.
  app.get('/readyz', { config: { public: true }, schema: { hide: true } }, async () => {
    try {
      await platform.db.execute(sql`select 1`);
    } catch {
      throw new Problem('database-unavailable', 'The database cannot be reached.');
    }
    if (!(await migrationsApplied(platform.database))) {
      throw new Problem('database-unavailable', 'Migrations are not all applied yet.');
    }
    return { status: 'ready', database: platform.database.mode };
  });
};
