// Least-privilege database access. Migrations run as the owner role; the app connects as a role
// that can only read and write rows of its own tables: no DDL, the audit trail is append-only
// for it (insert and select; no update, delete or truncate), and alerts change state but are
// never deleted (an intruder using the app's role cannot make an alarm disappear).
import pg from "pg";
import { pgPoolConfig } from "../../lib/db/pg-config";

export const OWNER_ROLE = "tollgate_owner";
export const APP_ROLE = "tollgate_app";

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(pgPoolConfig(url));
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

// As a superuser: the two login roles and a database owned by the owner role.
export async function createRolesAndDatabase(
  superuserUrl: string,
  database: string,
  passwords: { owner: string; app: string },
): Promise<void> {
  await withClient(superuserUrl, async (c) => {
    for (const [role, password] of [
      [OWNER_ROLE, passwords.owner],
      [APP_ROLE, passwords.app],
    ] as const) {
      const exists = await c.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [role]);
      const verb = exists.rowCount ? "ALTER" : "CREATE";
      await c.query(
        `${verb} ROLE ${ident(role)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD ${literal(password)}`,
      );
    }
    const db = await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (!db.rowCount)
      await c.query(`CREATE DATABASE ${ident(database)} OWNER ${ident(OWNER_ROLE)}`);
    await c.query(`REVOKE ALL ON DATABASE ${ident(database)} FROM PUBLIC`);
    await c.query(`GRANT CONNECT ON DATABASE ${ident(database)} TO ${ident(APP_ROLE)}`);
  });
}

// As the owner, after every migration: what the app role may do with the tables that exist now.
export async function grantAppPrivileges(ownerUrl: string): Promise<void> {
  await withClient(ownerUrl, async (c) => {
    await c.query(`
      REVOKE CREATE ON SCHEMA public FROM PUBLIC;
      GRANT USAGE ON SCHEMA public TO ${ident(APP_ROLE)};
      REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${ident(APP_ROLE)};
      GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${ident(APP_ROLE)};
      REVOKE ALL ON "_prisma_migrations" FROM ${ident(APP_ROLE)};
      REVOKE UPDATE, DELETE, TRUNCATE ON "AuditEvent" FROM ${ident(APP_ROLE)};
      REVOKE DELETE, TRUNCATE ON "Alert" FROM ${ident(APP_ROLE)};
      GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${ident(APP_ROLE)};
    `);
  });
}

export function roleUrl(
  superuserUrl: string,
  role: string,
  password: string,
  database: string,
): string {
  const url = new URL(superuserUrl);
  url.username = role;
  url.password = password;
  url.pathname = `/${database}`;
  return url.toString();
}
