// Prisma's schema engine compiled to WebAssembly, so migrations can be generated and applied on
// machines that cannot download the native engine. Migrations stay in Prisma's folder format,
// so `prisma migrate deploy` works unchanged wherever the native engine is available.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";
import type { PoolConfig } from "pg";
import { pgPoolConfig } from "../../lib/db/pg-config";

const require = createRequire(import.meta.url);
export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..", "..");
export const schemaPath = path.join(root, "prisma", "schema.prisma");
export const migrationsDir = path.join(root, "prisma", "migrations");
const filters = { externalTables: [], externalEnums: [] };

type EngineClass = typeof SchemaEngine;
let engineClass: Promise<EngineClass> | undefined;

// The generated bindings keep module-level state: instantiate the WebAssembly once per process.
function loadEngineClass(): Promise<EngineClass> {
  engineClass ??= (async () => {
    const pkgDir = path.dirname(require.resolve("@prisma/schema-engine-wasm"));
    const bg = (await import(pathToFileURL(path.join(pkgDir, "schema_engine_bg.js")).href)) as {
      __wbg_set_wasm(exports: WebAssembly.Exports): void;
      SchemaEngine: EngineClass;
    };
    const g = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { set_message(m: string): void } };
    g.PRISMA_WASM_PANIC_REGISTRY = {
      set_message(message: string) {
        throw new Error(`Prisma schema engine panicked: ${message}`);
      },
    };
    const bytes = readFileSync(path.join(pkgDir, "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": bg });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return bg.SchemaEngine;
  })();
  return engineClass;
}

export async function openSchemaEngine(connectionString: string): Promise<SchemaEngine> {
  const Engine = await loadEngineClass();
  const config = pgPoolConfig(connectionString);
  const adapter = bindMigrationAwareSqlAdapterFactory(engineSafe(new PrismaPg(config), config));
  const schema = readFileSync(schemaPath, "utf8");
  return Engine.new({ datamodels: [[schemaPath, schema]] }, () => undefined, adapter);
}

type PgAdapter = Awaited<ReturnType<PrismaPg["connect"]>>;
interface PgIo {
  performIO(query: object): Promise<{ fields: { dataTypeID: number }[] }>;
  queryRaw(query: object): Promise<{ columnTypes: number[] }>;
}
const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;
const COLUMN_TYPE_CHARACTER = 6; // @prisma/driver-adapter-utils ColumnTypeEnum.Character

// The schema engine reads PostgreSQL's catalogs, whose internal "char" columns (oid 18)
// @prisma/adapter-pg refuses as an unsupported type; the engine expects them as Character.
function withCatalogTypes(adapter: PgAdapter): PgAdapter {
  const io = adapter as unknown as PgIo;
  const performIO = io.performIO.bind(io);
  const queryRaw = io.queryRaw.bind(io);
  const charColumns = new WeakMap<object, number[]>();
  io.performIO = async (query) => {
    const result = await performIO(query);
    const indexes: number[] = [];
    result.fields.forEach((field, i) => {
      if (field.dataTypeID === PG_CHAR_OID) {
        field.dataTypeID = PG_TEXT_OID;
        indexes.push(i);
      }
    });
    charColumns.set(query, indexes);
    return result;
  };
  io.queryRaw = async (query) => {
    const result = await queryRaw(query);
    for (const i of charColumns.get(query) ?? []) result.columnTypes[i] = COLUMN_TYPE_CHARACTER;
    return result;
  };
  // @prisma/adapter-pg runs a script by splitting it at every ";", which breaks any migration
  // with a function body (PL/pgSQL triggers). Prisma's native engine sends a migration as one
  // script, and so do we: one simple-protocol query may hold many statements.
  const driver = adapter.underlyingDriver() as unknown as { query(sql: string): Promise<unknown> };
  adapter.executeScript = async (script: string) => {
    await driver.query(script);
  };
  return adapter;
}

// Also: @prisma/adapter-pg drops its shadow database while its own pool still holds a
// connection to it, which PostgreSQL refuses; we close the shadow pool first, then drop.
function engineSafe(factory: PrismaPg, config: PoolConfig): PrismaPg {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => withCatalogTypes(await connect());
  factory.connectToShadowDb = async () => {
    const main = await factory.connect();
    const database = `prisma_migrate_shadow_db_${randomUUID().replace(/-/g, "")}`;
    await main.executeScript(`CREATE DATABASE "${database}"`);
    const shadow = withCatalogTypes(await new PrismaPg({ ...config, database }).connect());
    const disposeShadow = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await disposeShadow();
      await main.executeScript(`DROP DATABASE "${database}"`);
      await main.dispose();
    };
    return shadow;
  };
  return factory;
}

export function migrationList() {
  const dirs = existsSync(migrationsDir)
    ? readdirSync(migrationsDir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
    : [];
  const lockPath = path.join(migrationsDir, "migration_lock.toml");
  return {
    baseDir: migrationsDir,
    lockfile: {
      path: "migration_lock.toml",
      content: existsSync(lockPath) ? readFileSync(lockPath, "utf8") : null,
    },
    shadowDbInitScript: "",
    migrationDirectories: dirs.map((name) => ({
      path: name,
      migrationFile: {
        path: "migration.sql",
        content: {
          tag: "ok" as const,
          value: readFileSync(path.join(migrationsDir, name, "migration.sql"), "utf8"),
        },
      },
    })),
  };
}

export async function applyMigrations(connectionString: string): Promise<string[]> {
  const engine = await openSchemaEngine(connectionString);
  try {
    const out = await engine.applyMigrations({ migrationsList: migrationList(), filters });
    return out.appliedMigrationNames;
  } finally {
    engine.free();
  }
}

// The SQL that would take the committed migrations to the schema; empty when they agree.
export async function diffMigrationsToSchema(connectionString: string): Promise<string> {
  const engine = await openSchemaEngine(connectionString);
  try {
    const out = await engine.diff({
      from: { tag: "migrations", ...migrationList() },
      to: {
        tag: "schemaDatamodel",
        files: [{ path: schemaPath, content: readFileSync(schemaPath, "utf8") }],
      },
      script: true,
      exitCode: null,
      filters,
    });
    return out.stdout ?? "";
  } finally {
    engine.free();
  }
}

// The SQL that would take a live database to the schema; empty when the database matches.
export async function diffDatabaseToSchema(connectionString: string): Promise<string> {
  const engine = await openSchemaEngine(connectionString);
  try {
    const out = await engine.diff({
      from: {
        tag: "schemaDatasource",
        files: [{ path: schemaPath, content: readFileSync(schemaPath, "utf8") }],
        configDir: root,
      },
      to: {
        tag: "schemaDatamodel",
        files: [{ path: schemaPath, content: readFileSync(schemaPath, "utf8") }],
      },
      script: true,
      exitCode: null,
      filters,
    });
    return out.stdout ?? "";
  } finally {
    engine.free();
  }
}
