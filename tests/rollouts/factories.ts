// A product at 1.0.0 with 2.0.0 published as a rollout, a license with an agent, and a fleet of
// machine ids on it; helpers to check and report as that fleet through the real routes.
import { afterAll, beforeAll } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { publishRelease } from "@/lib/releases/publish-release";
import type { StartRolloutInput } from "@/lib/rollouts/rollout-control.schema";
import {
  callEvents,
  callUpdate,
  checkBody,
  hex,
  makeWorld,
  release,
  SYSTEM,
  type UpdateItem,
} from "../updates/factories";

// A whole fleet checks in through one client here: lift the per-client and per-license limits
// for the file (the limits have their own tests).
export function withoutUpdateLimits(): void {
  const saved = {
    update: process.env.RATE_LIMIT_UPDATE_PER_MINUTE,
    license: process.env.RATE_LIMIT_LICENSE_PER_MINUTE,
  };
  beforeAll(() => {
    process.env.RATE_LIMIT_UPDATE_PER_MINUTE = "1000000";
    process.env.RATE_LIMIT_LICENSE_PER_MINUTE = "1000000";
    resetEnvForTests();
  });
  afterAll(() => {
    for (const [name, value] of [
      ["RATE_LIMIT_UPDATE_PER_MINUTE", saved.update],
      ["RATE_LIMIT_LICENSE_PER_MINUTE", saved.license],
    ] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    resetEnvForTests();
  });
}

export async function rolloutWorld(rollout: StartRolloutInput, fleetSize = 200) {
  const world = await makeWorld();
  await release(world.product.slug, "1.0.0");
  const draft = await release(world.product.slug, "2.0.0", { publish: false });
  const published = await publishRelease({
    actor: SYSTEM,
    input: { releaseId: draft.id, rollout },
  });
  const fleet = Array.from({ length: fleetSize }, (_, i) => `m-${i}-${hex(3)}`);
  const check = async (machineId: string, version = "1.0.0"): Promise<UpdateItem> => {
    const { res, json } = await callUpdate(checkBody(world.product.slug, version, {}, machineId), {
      token: world.agent.token,
    });
    if (res.status !== 200) throw new Error(`check failed ${res.status} ${JSON.stringify(json)}`);
    const [item] = json.updates ?? [];
    if (!item) throw new Error("no update entry");
    return item;
  };
  const offered = async (machines: readonly string[]) => {
    const out: string[] = [];
    for (const m of machines) if ((await check(m)).release?.version === "2.0.0") out.push(m);
    return out;
  };
  const reportAs = async (machineId: string, events: Record<string, unknown>[]) => {
    const { res, json } = await callEvents(
      {
        machine: { id: machineId },
        events: events.map((e) => ({ product: world.product.slug, version: "2.0.0", ...e })),
      },
      { token: world.agent.token },
    );
    if (res.status !== 200) throw new Error(`report failed ${res.status} ${JSON.stringify(json)}`);
  };
  return {
    ...world,
    releaseId: draft.id,
    rolloutId: published.rolloutId ?? "",
    fleet,
    check,
    offered,
    reportAs,
  };
}
