import { defineConfig } from 'drizzle-kit';

// Each module keeps its tables in its own tables.ts (ARCHITECTURE.md "Layout").
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/**/tables.ts',
  out: './drizzle',
});
