// `npm run start:prod`: the production build against real services from the environment, on
// one host, refusing unsafe settings before anything starts.
//
//   npm run start:prod                         one instance on PORT (default 3000)
//   npm run start:prod -- --instances=2        instances on PORT, PORT+1, ...
//   npm run start:prod -- --instances=2 --edge  and nginx + ModSecurity + CRS in front
//                                               (EDGE_HTTPS_PORT, EDGE_HTTP_PORT, EDGE_LISTEN_HOST,
//                                               EDGE_TLS_CERT, EDGE_TLS_KEY)
//   npm run start:prod -- --check              only check the environment
//
// Migrations are not run here: they need the owner's credentials, which the app never holds
// (`MIGRATION_DATABASE_URL=... npm run db:migrate`, or the compose file's migrate job).
import { spawnSync, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { nginxArgs, renderEdgeConfig } from "./lib/edge-config";
import { NGINX, requireNginx } from "./lib/edge-stack";
import { runChild, stopChild, waitForHttp } from "./lib/local-stack";
import { productionProblems } from "./lib/production-checks";
import { root } from "./lib/schema-engine";

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const instances = Number(args.find((a) => a.startsWith("--instances="))?.split("=")[1] ?? 1);
const edge = flag("edge");

function refuse(problems: string[]): never {
  console.error(
    `\nTollgate will not start in production:\n${problems.map((p) => `  - ${p}`).join("\n")}\n\n` +
      "See docs/configuration.md and docs/deploy-aws.md.\n",
  );
  process.exit(1);
}

async function main() {
  if (!Number.isInteger(instances) || instances < 1 || instances > 16) {
    refuse(["--instances: a whole number from 1 to 16"]);
  }
  const problems = productionProblems(process.env, { instances, edge });
  if (problems.length) refuse(problems);
  if (flag("check")) {
    console.log("The production environment passes every check.");
    return;
  }
  if (edge) requireNginx();
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  if (!existsSync(path.join(root, distDir, "BUILD_ID")) || flag("build")) {
    const build = spawnSync(path.join(root, "node_modules", ".bin", "next"), ["build"], {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }

  const basePort = Number(process.env.PORT || 3000);
  const ports = Array.from({ length: instances }, (_, i) => basePort + i);
  const children: ChildProcess[] = [];
  const log = (line: string) => console.log(line);
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await Promise.all(children.map(stopChild));
    process.exit(code);
  };
  for (const port of ports) {
    const child = runChild(
      process.execPath,
      ["server.mjs"],
      { NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", PORT: String(port) },
      `app:${port}`,
      log,
    );
    // A supervisor (systemd, the container runtime) restarts the whole set: one instance
    // silently gone would leave the others carrying its load unnoticed.
    child.on("exit", (code) => {
      if (!stopping) {
        console.error(`Instance on port ${port} exited (${code}); stopping.`);
        void stopAll(1);
      }
    });
    children.push(child);
  }
  await Promise.all(ports.map((p) => waitForHttp(`http://localhost:${p}/api/health`, 300_000)));

  if (edge) {
    const rendered = renderEdgeConfig({
      outDir: path.resolve(process.env.EDGE_DIR || path.join(root, ".data", "edge")),
      httpsPort: Number(process.env.EDGE_HTTPS_PORT || 443),
      httpPort: Number(process.env.EDGE_HTTP_PORT || 80),
      upstreams: ports.map((p) => `127.0.0.1:${p}`),
      tlsCert: path.resolve(process.env.EDGE_TLS_CERT ?? ""),
      tlsKey: path.resolve(process.env.EDGE_TLS_KEY ?? ""),
      storageDir: process.env.STORAGE_DIR ?? "",
      listenHost: process.env.EDGE_LISTEN_HOST || "0.0.0.0",
    });
    const test = spawnSync(NGINX, nginxArgs(rendered, ["-t", "-q"]), { encoding: "utf8" });
    if (test.status !== 0) refuse([`nginx configuration: ${test.stderr.trim()}`]);
    const nginx = runChild(NGINX, nginxArgs(rendered), {}, "edge", log);
    nginx.on("exit", (code) => {
      if (!stopping) {
        console.error(`The edge exited (${code}); stopping.`);
        void stopAll(1);
      }
    });
    children.push(nginx);
    console.log(
      `Edge: ${process.env.APP_URL} → ${ports.length} instance(s); logs in ${rendered.logDir}`,
    );
  }
  process.on("SIGTERM", () => void stopAll(0));
  process.on("SIGINT", () => void stopAll(0));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
