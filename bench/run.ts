// `npm run bench`: Tollgate's fleet paths against fixed baselines measured in the same run
// (docs/benchmarks.md). A production build, PostgreSQL with fsync on, Redis-backed rate limits
// with limits raised so nothing is refused; wrk over loopback at several concurrencies; a CPU
// profile per path; results in .bench-data/report.md and .bench-data/results.json.
//
// Ports: BENCH_PORT_BASE (default 3225) .. +4, PostgreSQL on BENCH_PG_PORT (default 54423).
// BENCH_SECONDS per measurement (default 10), SKIP_BUILD=1 reuses both builds.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import {
  closeSync,
  createReadStream,
  openSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import {
  APP_ROLE,
  OWNER_ROLE,
  createRolesAndDatabase,
  grantAppPrivileges,
  roleUrl,
} from "../scripts/lib/db-roles";
import { ensureDevSecrets } from "../scripts/lib/dev-secrets";
import { startEmbeddedPostgres } from "../scripts/lib/embedded-postgres";
import { runToCompletion, waitForHttp } from "../scripts/lib/local-stack";
import { applyMigrations, root } from "../scripts/lib/schema-engine";
import { summariseProfile, type ProfileSummary } from "./lib/profile";
import { runWrk, type WrkRequest, type WrkResult } from "./lib/wrk";

const base = Number(process.env.BENCH_PORT_BASE || 3225);
const PORT = { app: base, bare: base + 1, nginx: base + 2, accel: base + 3, profiled: base + 4 };
const PG_PORT = Number(process.env.BENCH_PG_PORT || 54423);
const SECONDS = Number(process.env.BENCH_SECONDS || 10);
const DATA = path.join(root, ".bench-data");
const WORK = path.join(DATA, "work");
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);
const log = (line: string) => console.log(line);
const quiet = (line: string) => {
  if (/error|Error|listening/.test(line)) console.log(line);
};

const children: ChildProcess[] = [];
let database: { stop(): Promise<void> } | null = null;
const stopAll = async () => {
  await Promise.all(children.map(stop));
  await database?.stop();
  database = null;
};
function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || !child.pid) return resolve();
    child.once("exit", () => resolve());
    try {
      process.kill(-child.pid, "SIGINT");
    } catch {
      resolve();
    }
    setTimeout(() => {
      try {
        if (child.pid) process.kill(-child.pid, "SIGKILL");
      } catch {
        // gone
      }
    }, 10_000).unref();
  });
}

function step(label: string, command: string, args: string[], env: Record<string, string> = {}) {
  log(`\n━━ ${label}`);
  const started = Date.now();
  const r = spawnSync(command, args, {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, ...env },
  });
  if (r.status !== 0) throw new Error(`${label} failed`);
  log(`✓ ${label} (${Math.round((Date.now() - started) / 1000)} s)`);
}

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
}

// RSS of the process and its children (next-server runs in the server's process).
function sampleRss(pid: number): { stop: () => number } {
  let peak = rssOf(pid);
  const timer = setInterval(() => (peak = Math.max(peak, rssOf(pid))), 100);
  return {
    stop: () => {
      clearInterval(timer);
      return peak;
    },
  };
}

async function json(url: string, init: RequestInit = {}): Promise<Record<string, unknown>> {
  const res = await fetch(url, init);
  const body = (await res.json()) as Record<string, unknown>;
  if (!res.ok)
    throw new Error(`${init.method ?? "GET"} ${url}: ${res.status} ${JSON.stringify(body)}`);
  return body;
}

const basic = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;

async function token(appUrl: string, id: string, secret: string, scope?: string): Promise<string> {
  const body = await json(`${appUrl}/api/oauth/token`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      authorization: basic(id, secret),
    },
    body: `grant_type=client_credentials${scope ? `&scope=${encodeURIComponent(scope)}` : ""}`,
  });
  return String(body.access_token);
}

// A large release published through the pipeline API, for the download measurements.
async function publishBigRelease(appUrl: string, sizeBytes: number): Promise<void> {
  const file = path.join(WORK, "big.bin");
  const chunk = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < chunk.length; i++) chunk[i] = (i * 7919) & 0xff;
  const hash = createHash("sha256");
  const parts: Buffer[] = [];
  for (let i = 0; i < sizeBytes / chunk.length; i++) {
    parts.push(chunk);
    hash.update(chunk);
  }
  writeFileSync(file, Buffer.concat(parts));
  const pipelineToken = await token(
    appUrl,
    "demo-pipeline",
    "demo-pipeline-secret",
    "releases:write artifacts:write releases:publish",
  );
  const auth = { authorization: `Bearer ${pipelineToken}` };
  const release = await json(`${appUrl}/api/releases`, {
    method: "POST",
    headers: { ...auth, "content-type": "application/json" },
    body: JSON.stringify({ product: "acme-server", version: "9.0.0", channel: "stable" }),
  });
  const upload = await fetch(`${appUrl}/api/releases/${String(release.id)}/artifacts/linux/x64`, {
    method: "PUT",
    headers: {
      ...auth,
      "content-type": "application/octet-stream",
      "content-length": String(sizeBytes),
      "x-checksum-sha256": hash.digest("hex"),
      "x-file-name": "acme-server-9.0.0-linux-x64.tar.gz",
    },
    body: Readable.toWeb(createReadStream(file)) as ReadableStream,
    duplex: "half",
  } as RequestInit);
  if (upload.status !== 201) throw new Error(`upload: ${upload.status} ${await upload.text()}`);
  await json(`${appUrl}/api/releases/${String(release.id)}/publish`, {
    method: "POST",
    headers: { ...auth, "content-type": "application/json" },
    body: "{}",
  });
}

function checkBody(version: string) {
  return JSON.stringify({
    products: [
      { product: "acme-server", version, channel: "stable", platform: "linux", arch: "x64" },
    ],
    machine: { id: "bench-machine-1", hostname: "bench" },
  });
}

interface Row {
  path: string;
  subject: string;
  result: WrkResult;
  baseline?: string;
  ratio?: number;
  peakRssMiB?: number;
}

async function main() {
  const started = new Date();
  rmSync(DATA, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  if (!process.env.SKIP_BUILD) {
    step("build Tollgate (production)", bin("next"), ["build"], { NODE_ENV: "production" });
    step("build the bare Next.js baseline", bin("next"), ["build", "bench/baseline", "--webpack"], {
      NODE_ENV: "production",
    });
  }

  log("\n━━ PostgreSQL with fsync on, roles, migrations, seed");
  const pg = await startEmbeddedPostgres({
    root: path.join(DATA, "pg"),
    port: PG_PORT,
    fsync: true,
  });
  database = pg;
  try {
    const secrets = ensureDevSecrets(path.join(DATA, "secrets"));
    const superuser = pg.superuserUrl();
    await createRolesAndDatabase(superuser, "tollgate_bench", {
      owner: secrets.OWNER_DB_PASSWORD,
      app: secrets.APP_DB_PASSWORD,
    });
    const ownerUrl = roleUrl(superuser, OWNER_ROLE, secrets.OWNER_DB_PASSWORD, "tollgate_bench");
    await applyMigrations(ownerUrl);
    await grantAppPrivileges(ownerUrl);
    const { APP_DB_PASSWORD: _a, OWNER_DB_PASSWORD: _o, ...appSecrets } = secrets;
    const storageDir = path.join(DATA, "storage");
    const env = (port: number, extra: Record<string, string> = {}): Record<string, string> => ({
      ...appSecrets,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(port),
      APP_URL: `http://localhost:${port}`,
      NEXTAUTH_URL: `http://localhost:${port}`,
      DATABASE_URL: roleUrl(superuser, APP_ROLE, secrets.APP_DB_PASSWORD, "tollgate_bench"),
      OIDC_ISSUER: "http://localhost:9",
      OIDC_CLIENT_ID: "tollgate-portal",
      STORAGE_DIR: storageDir,
      REDIS_URL: process.env.REDIS_URL || "redis://127.0.0.1:6379",
      RATE_LIMIT_TOKEN_PER_MINUTE: "100000000",
      RATE_LIMIT_UPDATE_PER_MINUTE: "100000000",
      RATE_LIMIT_IP_PER_MINUTE: "100000000",
      RATE_LIMIT_LICENSE_PER_MINUTE: "100000000",
      RATE_LIMIT_CLIENT_PER_MINUTE: "100000000",
      LOG_LEVEL: "info",
      ...extra,
    });
    await runToCompletion(
      bin("tsx"),
      ["scripts/seed.ts"],
      { ...env(PORT.app), NODE_ENV: "test", MIGRATION_DATABASE_URL: ownerUrl },
      "seed",
      quiet,
    );

    // Servers write their logs straight to a file, as a production log shipper would take them:
    // never through a pipe to this process, which blocks in wrk while they serve.
    const serve = (label: string, args: string[], e: Record<string, string>) => {
      const out = openSync(path.join(WORK, `${label}.log`), "a");
      const child = spawn(
        args[0] === "nginx" ? "nginx" : process.execPath,
        args[0] === "nginx" ? args.slice(1) : args,
        {
          cwd: root,
          env: { ...process.env, ...e },
          stdio: ["ignore", out, out],
          detached: true,
        },
      );
      closeSync(out);
      children.push(child);
      return child;
    };
    const app = serve("tollgate", ["server.mjs"], env(PORT.app));
    serve(
      "tollgate-accel",
      ["server.mjs"],
      env(PORT.accel, { DOWNLOAD_DELIVERY: "x-accel-redirect" }),
    );
    serve("bare-next", [bin("next"), "start", "bench/baseline", "-p", String(PORT.bare)], {
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
    });
    const nginxConf = path.join(WORK, "nginx.conf");
    writeFileSync(
      nginxConf,
      `user root;
daemon off;
worker_processes 2;
pid ${WORK}/nginx.pid;
error_log ${WORK}/nginx-error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  client_body_temp_path ${WORK}/nginx-body;
  proxy_temp_path ${WORK}/nginx-proxy;
  fastcgi_temp_path ${WORK}/nginx-fastcgi;
  uwsgi_temp_path ${WORK}/nginx-uwsgi;
  scgi_temp_path ${WORK}/nginx-scgi;
  default_type application/octet-stream;
  server {
    listen 127.0.0.1:${PORT.nginx};
    location /static/ { alias ${storageDir}/; }
    location /api/ {
      proxy_pass http://127.0.0.1:${PORT.accel};
      proxy_buffering off;
    }
    location /_tollgate_storage/ {
      internal;
      alias ${storageDir}/;
      etag off;
      add_header ETag $upstream_http_x_tollgate_etag;
      add_header Cache-Control "private, no-store";
    }
  }
}
`,
    );
    serve("nginx", ["nginx", "-c", nginxConf], {});
    await Promise.all([
      waitForHttp(`http://localhost:${PORT.app}/api/health`, 300_000),
      waitForHttp(`http://localhost:${PORT.accel}/api/health`, 300_000),
      waitForHttp(`http://localhost:${PORT.bare}/api/health`, 300_000),
    ]);
    const appUrl = `http://localhost:${PORT.app}`;

    const BIG = Number(process.env.BENCH_DOWNLOAD_MIB || 256) * 1024 * 1024;
    log(`\n━━ publishing a ${BIG / 1024 / 1024} MiB release for the downloads`);
    await publishBigRelease(appUrl, BIG);
    const agent = await token(appUrl, "demo-agent", "demo-agent-secret");
    const accelAgent = await token(
      `http://localhost:${PORT.accel}`,
      "demo-agent",
      "demo-agent-secret",
    );
    const offer = async (url: string, bearer: string) => {
      const answer = await json(`${url}/api/update`, {
        method: "POST",
        headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json" },
        body: checkBody("2.0.0"),
      });
      const [item] = answer.updates as Array<{ artifact?: { url: string; id: string } }>;
      if (!item?.artifact) throw new Error(`no update offered: ${JSON.stringify(answer)}`);
      return item.artifact;
    };
    const artifact = await offer(appUrl, agent);
    const accelArtifact = await offer(`http://localhost:${PORT.accel}`, accelAgent);
    const storageFile = readdirSync(storageDir, { recursive: true, encoding: "utf8" })
      .map((f) => path.join(storageDir, f))
      .find((f) => statSync(f).isFile() && statSync(f).size === BIG);
    if (!storageFile) throw new Error("the uploaded file is not in the storage directory");
    const staticUrl = `http://127.0.0.1:${PORT.nginx}/static/${path.relative(storageDir, storageFile)}`;

    const updateRequest = (bearer: string, version = "9.0.0"): WrkRequest => ({
      url: `${appUrl}/api/update`,
      method: "POST",
      headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json" },
      body: checkBody(version),
    });
    const tokenRequest: WrkRequest = {
      url: `${appUrl}/api/oauth/token`,
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        authorization: basic("demo-agent", "demo-agent-secret"),
      },
      body: "grant_type=client_credentials",
    };
    const health = (port: number): WrkRequest => ({ url: `http://127.0.0.1:${port}/api/health` });
    const dl = (url: string): WrkRequest => ({
      url: url.replace("localhost", "127.0.0.1"),
      headers: { authorization: `Bearer ${agent}` },
    });
    const accelUrl = new URL(accelArtifact.url);
    const viaNginx: WrkRequest = {
      url: `http://127.0.0.1:${PORT.nginx}${accelUrl.pathname}${accelUrl.search}`,
      headers: { authorization: `Bearer ${accelAgent}` },
    };

    const rows: Row[] = [];
    const measure = (p: string, subject: string, req: WrkRequest, c: number, seconds = SECONDS) => {
      runWrk(req, { connections: c, seconds: 2, workDir: WORK, label: `warm-${subject}-${c}` });
      const result = runWrk(req, {
        connections: c,
        seconds,
        workDir: WORK,
        label: `${subject}-${c}`,
      });
      log(
        `${p.padEnd(22)} ${subject.padEnd(28)} c=${String(c).padEnd(3)} ${result.requestsPerSecond.toFixed(0).padStart(7)} req/s  p50 ${result.p50Ms.toFixed(2)} ms  p99 ${result.p99Ms.toFixed(2)} ms  errors ${result.errors + result.non2xx}`,
      );
      const row: Row = { path: p, subject, result };
      rows.push(row);
      return row;
    };
    const against = (row: Row, baseline: Row, field: "requestsPerSecond" | "bytesPerSecond") => {
      row.baseline = `${baseline.subject} c=${baseline.result.connections}`;
      row.ratio = Math.round((row.result[field] / baseline.result[field]) * 100) / 100;
    };

    log("\n━━ measurements (wrk over loopback)");
    for (const c of [1, 16, 64]) {
      const bare = measure("health", "bare Next route handler", health(PORT.bare), c);
      const own = measure("health", "Tollgate /api/health", health(PORT.app), c);
      against(own, bare, "requestsPerSecond");
      const check = measure("update check", "Tollgate POST /api/update", updateRequest(agent), c);
      against(check, own, "requestsPerSecond");
      const issued = measure("token", "Tollgate POST /api/oauth/token", tokenRequest, c);
      against(issued, own, "requestsPerSecond");
    }
    for (const c of [1, 8]) {
      const ng = measure("download", "nginx, the same file", { url: staticUrl }, c);
      const rss = sampleRss(app.pid ?? 0);
      const streamed = measure("download", "Tollgate streams it", dl(artifact.url), c);
      streamed.peakRssMiB = Math.round(rss.stop() / 1024 / 1024);
      against(streamed, ng, "bytesPerSecond");
      const accel = measure("download", "Tollgate + X-Accel-Redirect", viaNginx, c);
      against(accel, ng, "bytesPerSecond");
    }
    const rssAfter = Math.round(rssOf(app.pid ?? 0) / 1024 / 1024);

    log("\n━━ CPU profiles (node --cpu-prof, one path per run, 16 connections)");
    const profiles: Record<string, ProfileSummary> = {};
    const profiledUrl = `http://127.0.0.1:${PORT.profiled}`;
    const profiledToken = async () => token(profiledUrl, "demo-agent", "demo-agent-secret");
    const scenarios: Array<[string, (bearer: string) => WrkRequest]> = [
      ["health", () => health(PORT.profiled)],
      ["update check", (b) => ({ ...updateRequest(b), url: `${profiledUrl}/api/update` })],
      ["token", () => ({ ...tokenRequest, url: `${profiledUrl}/api/oauth/token` })],
    ];
    for (const [name, request] of scenarios) {
      const dir = path.join(WORK, `profile-${name.replace(/\W+/g, "-")}`);
      mkdirSync(dir, { recursive: true });
      const child = serve(
        `profiled-${name.replace(/\W+/g, "-")}`,
        ["--cpu-prof", `--cpu-prof-dir=${dir}`, "server.mjs"],
        env(PORT.profiled),
      );
      await waitForHttp(`${profiledUrl}/api/health`, 300_000);
      const bearer = await profiledToken();
      runWrk(request(bearer), {
        connections: 16,
        seconds: 8,
        workDir: WORK,
        label: `profile-${name}`,
      });
      await stop(child);
      const file = readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
      if (file) profiles[name] = summariseProfile(path.join(dir, file));
      else log(`(no profile written for ${name})`);
    }

    const results = {
      started: started.toISOString(),
      finished: new Date().toISOString(),
      machine: {
        cpus: readFileSync("/proc/cpuinfo", "utf8").match(/^processor/gm)?.length ?? 0,
        load: readFileSync("/proc/loadavg", "utf8").trim(),
        node: process.version,
      },
      seconds: SECONDS,
      downloadBytes: BIG,
      appRssAfterMiB: rssAfter,
      rows,
      profiles,
    };
    writeFileSync(path.join(DATA, "results.json"), JSON.stringify(results, null, 2));
    writeFileSync(path.join(DATA, "report.md"), report(results));
    log(`\n${report(results)}`);
  } finally {
    await stopAll();
  }
}

function report(r: {
  started: string;
  machine: { cpus: number; load: string; node: string };
  seconds: number;
  downloadBytes: number;
  appRssAfterMiB: number;
  rows: Row[];
  profiles: Record<string, ProfileSummary>;
}): string {
  const mb = (b: number) => `${(b / 1e6).toFixed(0)} MB/s`;
  const lines = [
    `Run of ${r.started}: ${r.machine.cpus} CPUs, load average at the end ${r.machine.load}, Node ${r.machine.node}, ${r.seconds} s per measurement after 2 s of warm-up.`,
    "",
    "| path | subject | conns | throughput | p50 | p99 | errors | ratio | to |",
    "|---|---|---|---|---|---|---|---|---|",
    ...r.rows.map((row) => {
      const tp =
        row.path === "download"
          ? mb(row.result.bytesPerSecond)
          : `${row.result.requestsPerSecond.toFixed(0)} req/s`;
      const rss = row.peakRssMiB !== undefined ? ` (peak RSS ${row.peakRssMiB} MiB)` : "";
      return `| ${row.path} | ${row.subject}${rss} | ${row.result.connections} | ${tp} | ${row.result.p50Ms.toFixed(2)} ms | ${row.result.p99Ms.toFixed(2)} ms | ${row.result.errors + row.result.non2xx} | ${row.ratio ?? ""} | ${row.baseline ?? ""} |`;
    }),
    "",
    `Tollgate's RSS after the downloads: ${r.appRssAfterMiB} MiB; downloads of a ${r.downloadBytes / 1024 / 1024} MiB artifact.`,
    "",
  ];
  for (const [name, p] of Object.entries(r.profiles)) {
    lines.push(`**CPU profile, ${name}** (${p.busyMs} ms busy):`);
    lines.push(p.byArea.map((a) => `${a.area} ${a.share}%`).join(", "));
    lines.push("");
    for (const f of p.topFunctions) lines.push(`- ${f.share}% \`${f.name}\``);
    lines.push("");
  }
  return lines.join("\n");
}

for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.on(signal, () => {
    void stopAll().then(() => process.exit(130));
  });

main().catch(async (error: unknown) => {
  console.error(error);
  await stopAll();
  process.exit(1);
});
