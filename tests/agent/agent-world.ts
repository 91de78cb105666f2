// The agent's test world: a product with 1.0.0, 1.1.0 and 2.0.0 published, a license and an
// agent client on it, an installation directory at 1.0.0, and the agent's configuration
// pointing at a route server.
import { createPublicKey } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { mkdir, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { AgentConfig } from "@/agent/config";
import { AgentError } from "@/agent/errors";
import { currentKeyring } from "@/lib/signing/keyring";
import { makeWorld, release } from "../updates/factories";
import type { RouteServer } from "./route-server";

export async function installation(version = "1.0.0"): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), "tollgate-agent-"));
  await mkdir(path.join(dir, "releases", version), { recursive: true });
  await writeFile(path.join(dir, "releases", version, "VERSION"), `${version}\n`);
  await symlink(path.join("releases", version), path.join(dir, "current"));
  return dir;
}

export async function world(server: RouteServer, options: { withMinimum?: boolean } = {}) {
  const w = await makeWorld();
  await release(w.product.slug, "1.0.0");
  await release(w.product.slug, "1.1.0");
  const v2 = await release(
    w.product.slug,
    "2.0.0",
    options.withMinimum ? { minimumVersion: "1.1.0" } : {},
  );
  const dir = await installation();
  const config: AgentConfig = {
    server: server.url,
    clientId: w.agent.client.clientId,
    clientSecret: w.agent.secret,
    publicKeys: [createPublicKey(currentKeyring().privateKey)],
    product: w.product.slug,
    channel: "stable",
    platform: "linux",
    arch: "x64",
    machineId: `m-${path.basename(dir)}`,
    hostname: "agent-test",
    dir,
    version: null,
    quiet: true,
    json: false,
  };
  return { ...w, v2, dir, config, content: v2.contents.get("linux/x64") ?? Buffer.alloc(0) };
}

export async function failure(promise: Promise<unknown>): Promise<AgentError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AgentError) return error;
    throw error;
  }
  throw new Error("expected the agent to refuse");
}
