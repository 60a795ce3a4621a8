import { defineConfig } from 'drizzle-kit';

// Migrations are generated from the schema (`npm run db:generate`) and committed;
// the collector applies them at start (collector/db/migrate.ts).
export default defineConfig({
  dialect: 'sqlite',
  schema: './collector/db/schema/index.ts',
  out: './collector/db/migrations',
});
