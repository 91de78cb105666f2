// scripts/dev-idp.ts: configured from the environment, registers both portal callbacks, stops on
// SIGTERM/SIGINT with exit code 0.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { Browser, freePort } from "./oidc-client";

const root = path.resolve(import.meta.dirname, "../..");
const APP_URL = "http://localhost:3998";
const children: ChildProcess[] = [];

function startCli(env: Record<string, string>) {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/dev-idp.ts"], {
    cwd: root,
    env: { ...process.env, CUSTOMER_OIDC_CLIENT_ID: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
  const output = () => ({ stdout, stderr });
  const listening = new Promise<void>((resolve, reject) => {
    child.stdout?.on("data", () => stdout.includes("dev-idp: listening") && resolve());
    child.once("exit", (code) => reject(new Error(`exited ${code}: ${stderr}`)));
  });
  // Only the start-up test awaits this; the refusal test expects the exit.
  listening.catch(() => undefined);
  return { child, output, listening };
}

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
});

function authorizeUrl(issuer: string, redirectUri: string) {
  const params = new URLSearchParams({
    client_id: "cli-portal",
    redirect_uri: redirectUri,
    response_type: "code",
    scope: "openid email",
    code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
    code_challenge_method: "S256",
  });
  return `${issuer}/auth?${params}`;
}

describe("dev-idp CLI", () => {
  it("serves both portal callbacks of APP_URL and exits 0 on SIGTERM", async () => {
    const port = await freePort();
    const issuer = `http://localhost:${port}`;
    const cli = startCli({
      DEV_IDP_PORT: String(port),
      OIDC_CLIENT_ID: "cli-portal",
      OIDC_CLIENT_SECRET: "cli-secret",
      APP_URL,
    });
    await cli.listening;

    for (const provider of ["staff-oidc", "customer-oidc"]) {
      const page = await new Browser(issuer).follow(
        authorizeUrl(issuer, `${APP_URL}/api/auth/callback/${provider}`),
      );
      expect(page.res.status).toBe(200);
      expect(page.url).toContain("/interaction/");
    }
    const foreign = await new Browser(issuer).follow(
      authorizeUrl(issuer, "http://evil.test/callback"),
    );
    expect(foreign.res.status).toBe(400);
    expect(await foreign.res.text()).toContain("redirect_uri did not match");

    cli.child.kill("SIGTERM");
    const [code] = await once(cli.child, "exit");
    expect(code).toBe(0);
  });

  it("refuses to start without OIDC_CLIENT_SECRET", async () => {
    const cli = startCli({ DEV_IDP_PORT: String(await freePort()), OIDC_CLIENT_SECRET: "" });
    const [code] = await once(cli.child, "exit");
    expect(code).toBe(1);
    expect(cli.output().stderr).toContain("OIDC_CLIENT_SECRET is required");
  });
});
