// The edge in front of several app instances, for the tests and for `npm run start:prod`:
// extra app instances beside the stack's first one (same database, Redis and secrets), nginx
// with ModSecurity and the CRS rendered from deploy/nginx, and a way to kill and restart an
// instance mid-run.
import { spawnSync, type ChildProcess } from "node:child_process";
import { createHash, X509Certificate } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { nginxArgs, renderEdgeConfig, type EdgeOptions, type RenderedEdge } from "./edge-config";
import { runChild, stopChild, waitForHttp } from "./local-stack";
import { ensureTlsFiles } from "./tls-certs";

export const NGINX = process.env.NGINX_BIN || "/usr/sbin/nginx";

export interface EdgeStack {
  url: string;
  edge: RenderedEdge;
  caCert: string;
  // base64 SHA-256 of the edge certificate's public key, for Chromium's
  // --ignore-certificate-errors-spki-list (the browser then treats the local cert as valid).
  spkiHash: string;
  appPorts: number[];
  // The process group of an instance the edge started (index >= 1), to kill it from a test.
  instancePgid(index: number): number | undefined;
  kill(index: number): Promise<void>;
  restart(index: number): Promise<void>;
  stop(): Promise<void>;
}

export function requireNginx(): void {
  const probe = spawnSync(NGINX, ["-V"], { encoding: "utf8" });
  if (probe.status !== 0 || !existsSync("/usr/lib/nginx/modules/ngx_http_modsecurity_module.so")) {
    throw new Error(
      "The edge needs Debian's nginx, libnginx-mod-http-modsecurity and modsecurity-crs:\n" +
        "  apt-get install -y nginx libnginx-mod-http-modsecurity modsecurity-crs",
    );
  }
}

export function spkiHashOf(certFile: string): string {
  const cert = new X509Certificate(readFileSync(certFile));
  const spki = cert.publicKey.export({ type: "spki", format: "der" });
  return createHash("sha256").update(spki).digest("base64");
}

export async function startEdgeStack(o: {
  dataRoot: string;
  appEnv: Record<string, string>;
  // appPorts[0] is the stack's own instance (started and stopped by startStack); the edge
  // starts, kills and restarts the others.
  appPorts: number[];
  httpsPort: number;
  httpPort: number;
  log: (line: string) => void;
  edge?: Partial<EdgeOptions>;
}): Promise<EdgeStack> {
  requireNginx();
  const tls = await ensureTlsFiles(path.join(o.dataRoot, "edge-tls"));
  const instances: (ChildProcess | null)[] = o.appPorts.map(() => null);
  const startInstance = async (index: number) => {
    const port = o.appPorts[index] ?? 0;
    instances[index] = runChild(
      process.execPath,
      ["server.mjs"],
      { ...o.appEnv, PORT: String(port) },
      `app${index + 1}`,
      o.log,
    );
    await waitForHttp(`http://localhost:${port}/api/health`, 300_000);
  };
  for (let i = 1; i < o.appPorts.length; i++) await startInstance(i);

  const edge = renderEdgeConfig({
    outDir: path.join(o.dataRoot, "edge"),
    httpsPort: o.httpsPort,
    httpPort: o.httpPort,
    upstreams: o.appPorts.map((p) => `127.0.0.1:${p}`),
    tlsCert: tls.serverCert,
    tlsKey: tls.serverKey,
    storageDir: o.appEnv.STORAGE_DIR ?? path.join(o.dataRoot, "storage"),
    ...o.edge,
  });
  const test = spawnSync(NGINX, nginxArgs(edge, ["-t", "-q"]), { encoding: "utf8" });
  if (test.status !== 0) throw new Error(`nginx -t failed:\n${test.stderr}`);
  const nginx = runChild(NGINX, nginxArgs(edge), {}, "nginx", o.log);
  const url = `https://localhost:${o.httpsPort}`;
  await waitForNginx(o.httpsPort);
  return {
    url,
    edge,
    caCert: tls.caCert,
    spkiHash: spkiHashOf(tls.serverCert),
    appPorts: o.appPorts,
    instancePgid: (index) => instances[index]?.pid,
    kill: async (index) => {
      if (index === 0) throw new Error("the first instance belongs to the stack");
      const child = instances[index];
      if (child?.pid) process.kill(-child.pid, "SIGKILL");
      await new Promise((r) =>
        child && child.exitCode === null ? child.once("exit", r) : r(null),
      );
      instances[index] = null;
    },
    restart: startInstance,
    stop: async () => {
      await stopChild(nginx);
      await Promise.all(instances.map((c) => (c ? stopChild(c) : Promise.resolve())));
    },
  };
}

async function waitForNginx(port: number): Promise<void> {
  const net = await import("node:net");
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const up = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1", () => {
        socket.end();
        resolve(true);
      });
      socket.on("error", () => resolve(false));
    });
    if (up) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`nginx did not listen on ${port}`);
}
