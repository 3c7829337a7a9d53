// Accounts connected by OAuth: what the platform said about them, which developer app issued their grant, and the
// user's own developer apps. Frozen in time: never typed with the app's Database, never edited after release.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  const columns: [string, 'text' | 'integer'][] = [
    ['avatar_url', 'text'],
    // The developer app (client id) that issued the grant: a refresh must use the same one.
    ['oauth_client_id', 'text'],
    // Instagram: 'instagram' (Instagram Login, graph.instagram.com) or 'facebook' (a linked Page, graph.facebook.com).
    ['login_kind', 'text'],
    // Space-separated scopes the user granted.
    ['scopes', 'text'],
    ['refresh_expires_at', 'integer'],
    // When the current access token was issued (Instagram refreshes a token only once it is a day old).
    ['token_issued_at', 'integer'],
    // The last time the platform confirmed who the token belongs to.
    ['verified_at', 'integer'],
    // The last expiry reminder, so the user is reminded once a day, not at every check.
    ['reminded_at', 'integer'],
  ];
  for (const [name, type] of columns) await db.schema.alterTable('social_accounts').addColumn(name, type).execute();
  // 'oauth' (signed in through the browser) or 'token' (pasted by hand).
  await db.schema
    .alterTable('social_accounts')
    .addColumn('connection', 'text', (col) => col.notNull().defaultTo('token'))
    .execute();

  await db.schema
    .createTable('oauth_apps')
    .addColumn('platform', 'text', (col) => col.primaryKey())
    .addColumn('client_id', 'text', (col) => col.notNull())
    .addColumn('client_secret_enc', 'text')
    // Space-separated scopes the user's app may ask for beyond the defaults (LinkedIn company pages).
    .addColumn('extra_scopes', 'text')
    .addColumn('updated_at', 'integer', (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('oauth_apps').execute();
  for (const name of [
    'connection',
    'reminded_at',
    'verified_at',
    'token_issued_at',
    'refresh_expires_at',
    'scopes',
    'login_kind',
    'oauth_client_id',
    'avatar_url',
  ]) {
    await db.schema.alterTable('social_accounts').dropColumn(name).execute();
  }
}
