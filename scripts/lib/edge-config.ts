// Renders deploy/nginx (templates with ${EDGE_*} placeholders) into a directory nginx can run
// from, with Debian's paths for nginx, ModSecurity and the Core Rule Set. Used by the edge tests
// and `npm run start:prod`; the container does the same with envsubst (deploy/nginx/render.sh).
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { root } from "./schema-engine";

export const EDGE_TEMPLATE_DIR = path.join(root, "deploy", "nginx");

export interface EdgeOptions {
  outDir: string;
  httpsPort: number;
  httpPort: number;
  upstreams: string[]; // host:port of each app instance
  listenHost?: string; // default 127.0.0.1 (tests); 0.0.0.0 to serve the network
  tlsCert: string;
  tlsKey: string;
  storageDir: string;
  // Overrides for the access lists (geo format), e.g. a test's deny list.
  denyList?: string;
  staffAllowList?: string;
  vars?: Partial<Record<string, string>>;
}

export interface RenderedEdge {
  confFile: string;
  prefix: string;
  logDir: string;
  auditLog: string;
  accessLog: string;
}

// Debian's locations (packages nginx, libnginx-mod-http-modsecurity, modsecurity-crs).
const DEBIAN = {
  EDGE_MODULES_DIR: "/usr/lib/nginx/modules",
  EDGE_MIME_TYPES: "/etc/nginx/mime.types",
  EDGE_UNICODE_MAP: "/etc/nginx/unicode.mapping",
  EDGE_CRS_RULES_DIR: "/usr/share/modsecurity-crs/rules",
};

export function renderTemplate(text: string, vars: Record<string, string>, file: string): string {
  return text.replace(/\$\{(EDGE_[A-Z0-9_]+)\}/g, (_, name: string) => {
    const value = vars[name];
    if (value === undefined) throw new Error(`${file}: no value for \${${name}}`);
    return value;
  });
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

export function renderEdgeConfig(o: EdgeOptions): RenderedEdge {
  const confDir = path.join(o.outDir, "conf");
  const logDir = path.join(o.outDir, "logs");
  const runtimeDir = path.join(o.outDir, "run");
  for (const dir of [confDir, logDir, runtimeDir]) mkdirSync(dir, { recursive: true });
  for (const dir of ["modsecurity-tmp", "modsecurity-data"])
    mkdirSync(path.join(runtimeDir, dir), { recursive: true, mode: 0o777 });
  const vars: Record<string, string> = {
    ...DEBIAN,
    EDGE_DAEMON: "off",
    EDGE_WORKERS: "1",
    EDGE_RUNTIME_DIR: runtimeDir,
    EDGE_LOG_DIR: logDir,
    EDGE_ACCESS_DIR: path.join(confDir, "access"),
    EDGE_SNIPPETS_DIR: path.join(confDir, "snippets"),
    EDGE_MODSECURITY_DIR: path.join(confDir, "modsecurity"),
    EDGE_HTTP_LISTEN: `${o.listenHost ?? "127.0.0.1"}:${o.httpPort}`,
    EDGE_HTTPS_LISTEN: `${o.listenHost ?? "127.0.0.1"}:${o.httpsPort}`,
    EDGE_HTTPS_PUBLIC_PORT: String(o.httpsPort),
    EDGE_TLS_CERT: o.tlsCert,
    EDGE_TLS_KEY: o.tlsKey,
    EDGE_STORAGE_DIR: path.resolve(o.storageDir),
    EDGE_UPSTREAM_SERVERS: o.upstreams
      .map((u) => `server ${u} max_fails=1 fail_timeout=10s;`)
      .join("\n    "),
    EDGE_RATE_PER_SECOND: "50",
    EDGE_BURST: "200",
    EDGE_TOKEN_RATE_PER_SECOND: "10",
    EDGE_TOKEN_BURST: "50",
    EDGE_CONN_PER_IP: "100",
    EDGE_MAX_ARTIFACT_BODY: "2g",
    ...Object.fromEntries(
      Object.entries(o.vars ?? {}).filter((e): e is [string, string] => !!e[1]),
    ),
  };
  for (const source of walk(EDGE_TEMPLATE_DIR)) {
    const relative = path.relative(EDGE_TEMPLATE_DIR, source);
    if (!relative.endsWith(".conf")) continue; // README, render.sh, Dockerfile stay behind
    const target = path.join(confDir, relative);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, renderTemplate(readFileSync(source, "utf8"), vars, relative));
  }
  if (o.denyList !== undefined)
    writeFileSync(path.join(confDir, "access", "deny.conf"), o.denyList);
  if (o.staffAllowList !== undefined)
    writeFileSync(path.join(confDir, "access", "staff-allow.conf"), o.staffAllowList);
  return {
    confFile: path.join(confDir, "nginx.conf"),
    prefix: o.outDir,
    logDir,
    auditLog: path.join(logDir, "modsec_audit.log"),
    accessLog: path.join(logDir, "access.log"),
  };
}

// nginx's command line for a rendered edge: its own prefix and error log, so nothing under
// /etc/nginx or /var/log/nginx is touched.
export function nginxArgs(edge: RenderedEdge, extra: string[] = []): string[] {
  return [
    "-p",
    edge.prefix,
    "-c",
    edge.confFile,
    "-e",
    path.join(edge.logDir, "error.log"),
    ...extra,
  ];
}
