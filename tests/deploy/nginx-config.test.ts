// The edge's real configuration (deploy/nginx) passes `nginx -t` with ModSecurity and the CRS
// loaded, rendered both ways it is rendered: by scripts/lib/edge-config.ts (tests,
// `npm run start:prod`) and by the container's entrypoint (deploy/nginx/render.sh, envsubst).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  EDGE_TEMPLATE_DIR,
  nginxArgs,
  renderEdgeConfig,
  renderTemplate,
} from "@/scripts/lib/edge-config";
import { NGINX } from "@/scripts/lib/edge-stack";
import { ensureTlsFiles } from "@/scripts/lib/tls-certs";

const tlsDir = path.join(tmpdir(), "tollgate-edge-config-test-tls");

describe("deploy/nginx", () => {
  it("passes nginx -t as rendered for the tests and start:prod", async () => {
    const tls = await ensureTlsFiles(tlsDir);
    const edge = renderEdgeConfig({
      outDir: mkdtempSync(path.join(tmpdir(), "tollgate-edge-")),
      httpsPort: 8443,
      httpPort: 8080,
      upstreams: ["127.0.0.1:3000", "127.0.0.1:3001"],
      tlsCert: tls.serverCert,
      tlsKey: tls.serverKey,
      storageDir: tmpdir(),
    });
    const result = spawnSync(NGINX, nginxArgs(edge, ["-t"]), { encoding: "utf8" });
    expect(result.stderr).toContain("test is successful");
    // ModSecurity loaded the Core Rule Set, not an empty rule set.
    const errorLog = readFileSync(path.join(edge.logDir, "error.log"), "utf8");
    const rules = /rules loaded inline\/local\/remote: \d+\/(\d+)\/\d+/.exec(errorLog);
    expect(Number(rules?.[1])).toBeGreaterThan(500);
  });

  it("passes nginx -t as rendered by the container entrypoint (render.sh)", async () => {
    const tls = await ensureTlsFiles(tlsDir);
    const work = mkdtempSync(path.join(tmpdir(), "tollgate-edge-sh-"));
    const result = spawnSync("sh", [path.join(EDGE_TEMPLATE_DIR, "render.sh"), "--check"], {
      encoding: "utf8",
      env: {
        NODE_ENV: "test",
        PATH: `${path.dirname(NGINX)}:${process.env.PATH ?? ""}`,
        EDGE_TEMPLATE_DIR,
        EDGE_OUT_DIR: path.join(work, "conf"),
        EDGE_RUNTIME_DIR: path.join(work, "run"),
        EDGE_LOG_DIR: path.join(work, "logs"),
        EDGE_TLS_CERT: tls.serverCert,
        EDGE_TLS_KEY: tls.serverKey,
        EDGE_STORAGE_DIR: work,
        // nginx -t resolves upstream names; app1/app2 exist only inside compose.
        EDGE_UPSTREAM_SERVERS: "server 127.0.0.1:3000; server 127.0.0.1:3001;",
      },
    });
    expect(result.status, result.stderr).toBe(0);
  });

  it("refuses a template placeholder nobody fills", () => {
    expect(() => renderTemplate("listen ${EDGE_NOT_A_SETTING};", {}, "x.conf")).toThrow(
      /EDGE_NOT_A_SETTING/,
    );
  });

  it("documents every rule exclusion in the README", () => {
    const exclusions = readFileSync(
      path.join(EDGE_TEMPLATE_DIR, "modsecurity", "tollgate-exclusions.conf"),
      "utf8",
    );
    const readme = readFileSync(path.join(EDGE_TEMPLATE_DIR, "README.md"), "utf8");
    const ids = [...exclusions.matchAll(/"id:(\d+)/g)].map((m) => m[1] ?? "");
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(readme, `rule ${id}`).toContain(id);
  });
});
