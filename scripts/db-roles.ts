// Creates Tollgate's database roles, its database and the app role's grants.
//
//   SUPERUSER_DATABASE_URL=postgresql://postgres:...@db:5432/postgres?sslmode=verify-full&sslrootcert=/ca.pem \
//   OWNER_DB_PASSWORD_FILE=/run/secrets/owner APP_DB_PASSWORD_FILE=/run/secrets/app \
//   npx tsx scripts/db-roles.ts setup [--database=tollgate] [--no-migrate]
//
//   MIGRATION_DATABASE_URL=postgresql://tollgate_owner:...@db/tollgate?... npx tsx scripts/db-roles.ts grant
//
// setup (as a superuser; idempotent): creates or updates the login roles tollgate_owner (owns the
// schema, runs migrations) and tollgate_app (the running app: rows only, no DDL, audit trail
// insert/select only), creates the database owned by tollgate_owner, applies the migrations as
// the owner, then grants the app role its privileges on the tables that now exist.
// grant (as the owner): re-applies the app role's grants; run it after every migration, since
// grants cover the tables that exist when they are made.
//
// Every secret may come from the variable or from a file named by VARIABLE_FILE (the Docker /
// Kubernetes secrets convention). The URLs printed at the end carry no passwords.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  APP_ROLE,
  OWNER_ROLE,
  createRolesAndDatabase,
  grantAppPrivileges,
  roleUrl,
} from "./lib/db-roles";
import { applyMigrations } from "./lib/schema-engine";

type Source = Record<string, string | undefined>;

export function secretFrom(source: Source, name: string): string {
  const file = source[`${name}_FILE`];
  if (file) {
    try {
      return readFileSync(file, "utf8").trim();
    } catch {
      throw new Error(`${name}_FILE: cannot read ${file}`);
    }
  }
  const value = source[name];
  if (!value) throw new Error(`Set ${name} or ${name}_FILE.`);
  return value;
}

function option(args: readonly string[], name: string): string | undefined {
  const prefix = `--${name}=`;
  return args.find((a) => a.startsWith(prefix))?.slice(prefix.length);
}

const withoutPassword = (url: string) => {
  const u = new URL(url);
  if (u.password) u.password = "***";
  return u.toString();
};

export async function runDbRoles(
  args: readonly string[],
  source: Source = process.env,
  log: (line: string) => void = console.log,
): Promise<{ ownerUrl?: string; appUrl?: string }> {
  const [command] = args;
  if (command === "setup") {
    const superuserUrl = secretFrom(source, "SUPERUSER_DATABASE_URL");
    const database = option(args, "database") ?? source.DATABASE_NAME ?? "tollgate";
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(database))
      throw new Error(`Not a database name: ${database}`);
    const passwords = {
      owner: secretFrom(source, "OWNER_DB_PASSWORD"),
      app: secretFrom(source, "APP_DB_PASSWORD"),
    };
    await createRolesAndDatabase(superuserUrl, database, passwords);
    const ownerUrl = roleUrl(superuserUrl, OWNER_ROLE, passwords.owner, database);
    const appUrl = roleUrl(superuserUrl, APP_ROLE, passwords.app, database);
    if (!args.includes("--no-migrate")) {
      const applied = await applyMigrations(ownerUrl);
      log(applied.length ? `Applied migrations: ${applied.join(", ")}` : "No pending migrations.");
    }
    await grantAppPrivileges(ownerUrl);
    log(`Roles ${OWNER_ROLE} and ${APP_ROLE} and database ${database} are ready.`);
    log(`  MIGRATION_DATABASE_URL=${withoutPassword(ownerUrl)}`);
    log(`  DATABASE_URL=${withoutPassword(appUrl)}`);
    return { ownerUrl, appUrl };
  }
  if (command === "grant") {
    await grantAppPrivileges(secretFrom(source, "MIGRATION_DATABASE_URL"));
    log(`Granted ${APP_ROLE} its privileges.`);
    return {};
  }
  throw new Error("Usage: tsx scripts/db-roles.ts setup [--database=NAME] [--no-migrate] | grant");
}

const invokedDirectly =
  process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  runDbRoles(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
