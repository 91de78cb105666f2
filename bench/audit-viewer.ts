// `npm run bench:audit`: every audit viewer filter at 10k, 100k and 1M events
// (docs/benchmarks.md, "Audit viewer"). A fresh migrated database on the test cluster
// (TEST_PG_PORT), events seeded as the database owner with one generate_series INSERT per
// scale (chain triggers off: the viewer reads, it does not verify), then each filter's first
// page through the viewer's own query (listAuditEvents, as the app role): median of 5 after a
// warm-up, with the plan's top access path. BENCH_AUDIT_SCALES=10000,100000 for a shorter run.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { systemActor } from "../lib/authz/actor";
import { listAuditEvents } from "../lib/audit/list-audit-events";
import { pgPoolConfig } from "../lib/db/pg-config";
import { PrismaClient } from "../lib/generated/prisma/client";
import {
  createTestDatabase,
  dropTestDatabase,
  ensureTestCluster,
} from "../scripts/lib/test-database";
import { root } from "../scripts/lib/schema-engine";

const SCALES = (process.env.BENCH_AUDIT_SCALES || "10000,100000,1000000").split(",").map(Number);
const RUNS = 5;
const START = Date.parse("2026-11-01T00:00:00Z");
// 1M events spread over 30 days.
const STEP_MS = 2592;

const ACTIONS = [
  ...Array<string>(10).fill("updates.checked"),
  ...Array<string>(4).fill("downloads.served"),
  ...Array<string>(3).fill("oauth.token_issued"),
  "auth.signed_in",
  "auth.signed_in",
  "auth.sign_in_failed",
  "access.denied",
  "ratelimit.exceeded",
  "licenses.updated",
  "licenses.created",
];
const sqlArray = (xs: string[]) => `ARRAY[${xs.map((x) => `'${x}'`).join(",")}]`;

// Event g's columns, as SQL over g; the JS twins below pick filter values that exist.
const seedSql = (from: number, to: number) => `
  INSERT INTO "AuditEvent" ("id", "seq", "at", "action", "result", "reason", "actorType",
    "actorId", "actorLabel", "ip", "userAgent", "requestId", "method", "path", "targetType",
    "targetId", "metadata", "prevHash", "hash")
  SELECT 'aud_bench' || g, g, to_timestamp((${START} + g::bigint * ${STEP_MS}) / 1000.0) AT TIME ZONE 'UTC',
    (${sqlArray(ACTIONS)})[(1 + (g * 7919) % ${ACTIONS.length})::int],
    (CASE WHEN g % 50 = 0 THEN 'DENIED' WHEN g % 20 = 0 THEN 'FAILURE' ELSE 'SUCCESS' END)::"AuditResult",
    CASE WHEN g % 10 = 0 THEN 'refused: ' || (ARRAY['expired','revoked','machine limit','bad token'])[(1 + (g / 10) % 4)::int] || ' ' || md5(g::text) END,
    (CASE WHEN g % 100 < 70 THEN 'AGENT' WHEN g % 100 < 90 THEN 'SERVICE' WHEN g % 100 < 98 THEN 'USER' ELSE 'ANONYMOUS' END)::"ActorType",
    'usr_bench' || (g * 31) % 2000, 'user' || (g * 31) % 2000 || '@bench.test',
    '10.' || (g * 13) % 256 || '.' || (g * 17) % 256 || '.' || (g % 250 + 1),
    'bench-agent/1.0', md5('req' || g),
    (ARRAY['GET','POST','HEAD'])[(1 + g % 3)::int],
    (ARRAY['/api/update','/api/downloads/x','/admin/licenses/lic_bench','/api/oauth/token'])[(1 + g % 4)::int] || (g % 5000),
    'license', 'lic_bench' || (g * 7) % 20000, '{}'::jsonb,
    encode(sha256((g - 1)::text::bytea), 'hex'), encode(sha256(g::text::bytea), 'hex')
  FROM generate_series(${from}::bigint, ${to}::bigint) g`;

const md5 = async (client: pg.Client, s: string) =>
  (await client.query<{ h: string }>("SELECT md5($1) AS h", [s])).rows[0]?.h ?? "";

async function filters(client: pg.Client, n: number): Promise<[string, Record<string, string>][]> {
  const g = 777;
  const ip = `10.${(g * 13) % 256}.${(g * 17) % 256}.${(g % 250) + 1}`;
  const mid = new Date(START + Math.floor(n / 2) * STEP_MS);
  return [
    ["newest page (no filter)", {}],
    ["actor (email)", { actor: "user7@bench.test" }],
    ["actor (id)", { actor: "usr_bench7" }],
    ["actor type (USER, 8%)", { actorType: "USER" }],
    ["actor type (ANONYMOUS, 2%)", { actorType: "ANONYMOUS" }],
    ["action (licenses.created, 4%)", { action: "licenses.created" }],
    ["action (never written)", { action: "licenses.transferred" }],
    ["target", { targetType: "license", targetId: "lic_bench42" }],
    ["result (DENIED, 2%)", { result: "DENIED" }],
    ["ip (exact)", { ip }],
    ["ip (CIDR /24)", { ip: `${ip.split(".").slice(0, 3).join(".")}.0/24` }],
    ["ip (CIDR /16)", { ip: "10.5.0.0/16" }],
    ["ip (CIDR, no match)", { ip: "192.168.0.0/16" }],
    ["method and path prefix", { method: "POST", path: "/admin/licenses/" }],
    ["path prefix, no match", { path: "/nowhere/" }],
    ["request id", { requestId: await md5(client, `req${g}`) }],
    [
      "time range (1 hour)",
      { from: mid.toISOString(), to: new Date(mid.getTime() + 3_600_000).toISOString() },
    ],
    ["free text (rare)", { q: (await md5(client, "2310")).slice(0, 12) }],
    ["free text (common)", { q: "machine limit" }],
    ["free text (no match)", { q: "zzqx-nothing" }],
    [
      "combined: action + result + from",
      { action: "access.denied", result: "DENIED", from: mid.toISOString() },
    ],
    ["deep page (cursor at the middle)", { cursor: String(Math.floor(n / 2)) }],
  ];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function main() {
  // The cluster is left running, as vitest leaves it: other runs may be using it.
  const { superuserUrl } = await ensureTestCluster();
  const database = await createTestDatabase(superuserUrl, "tollgate_audit_bench");
  const owner = new pg.Client(pgPoolConfig(database.ownerUrl));
  await owner.connect();
  const app = new PrismaClient({ adapter: new PrismaPg(pgPoolConfig(database.appUrl)) });
  const actor = systemActor("bench");
  const results: { scale: number; filter: string; ms: number; rows: number }[] = [];
  try {
    await owner.query(`ALTER TABLE "AuditEvent" DISABLE TRIGGER USER`);
    let seeded = 0;
    for (const scale of SCALES) {
      const t = performance.now();
      await owner.query(seedSql(seeded + 1, scale));
      await owner.query(`ANALYZE "AuditEvent"`);
      seeded = scale;
      console.log(`seeded ${scale} events in ${Math.round(performance.now() - t)} ms`);
      for (const [name, input] of await filters(owner, scale)) {
        const times: number[] = [];
        let rows = 0;
        for (let i = 0; i <= RUNS; i++) {
          const t0 = performance.now();
          const page = await listAuditEvents({ actor, input, client: app });
          if (i > 0) times.push(performance.now() - t0);
          rows = page.rows.length;
        }
        const ms = Math.round(median(times) * 10) / 10;
        results.push({ scale, filter: name, ms, rows });
        console.log(
          `${String(scale).padStart(8)}  ${name.padEnd(36)} ${String(ms).padStart(8)} ms  ${rows} rows`,
        );
      }
    }
  } finally {
    await app.$disconnect();
    await owner.end();
    await dropTestDatabase(database);
  }
  const names = [...new Set(results.map((r) => r.filter))];
  const cell = (scale: number, f: string) => {
    const r = results.find((x) => x.scale === scale && x.filter === f);
    return r ? `${r.ms} ms (${r.rows})` : "—";
  };
  const table = [
    `| filter (first page of 50) | ${SCALES.map((s) => s.toLocaleString("en")).join(" | ")} |`,
    `| --- | ${SCALES.map(() => "---:").join(" | ")} |`,
    ...names.map((f) => `| ${f} | ${SCALES.map((s) => cell(s, f)).join(" | ")} |`),
  ].join("\n");
  const out = path.join(root, ".bench-data");
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, "audit-viewer.md"), `${table}\n`);
  console.log(`\n${table}\n\nWritten to .bench-data/audit-viewer.md`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
