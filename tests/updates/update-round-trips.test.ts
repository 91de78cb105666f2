// The update check's cost in the database on the common path (a known machine, its license and
// the product's releases unchanged since the last check): at most six round trips and one
// transaction, counted at the driver. And the release metadata it keeps in memory follows
// publishes and yanks at once.
import { describe, expect, it } from "vitest";
import { yankRelease } from "@/lib/releases/yank-release";
import { countQueries } from "./count-queries";
import { callUpdate, checkBody, makeWorld, release, SYSTEM } from "./factories";

const MAX_ROUND_TRIPS = 6;

async function checkedTwice(installed: string) {
  const world = await makeWorld();
  await release(world.product.slug, "1.0.0");
  await release(world.product.slug, "2.0.0");
  const body = checkBody(world.product.slug, installed);
  // The first check registers the machine and fills the release cache.
  expect((await callUpdate(body, { token: world.agent.token })).res.status).toBe(200);
  const { value, statements } = await countQueries(() =>
    callUpdate(body, { token: world.agent.token }),
  );
  return { ...world, body, answer: value, statements };
}

describe("update check round trips", () => {
  for (const [installed, status] of [
    ["2.0.0", "up_to_date"],
    ["1.0.0", "update_available"],
  ] as const) {
    it(`answers a known machine (${status}) in at most ${MAX_ROUND_TRIPS} round trips and one transaction`, async () => {
      const { answer, statements } = await checkedTwice(installed);
      expect(answer.res.status).toBe(200);
      expect(answer.json.updates?.[0]?.status).toBe(status);
      const listing = statements.map((s) => s.replace(/\s+/g, " ").slice(0, 120)).join("\n");
      expect(statements.length, listing).toBeLessThanOrEqual(MAX_ROUND_TRIPS);
      expect(
        statements.filter((s) => /^\s*BEGIN/i.test(s)),
        listing,
      ).toHaveLength(1);
      // The audit event is written inside that transaction, before its COMMIT.
      const insert = statements.findIndex((s) => s.includes('INSERT INTO "public"."AuditEvent"'));
      const commit = statements.findIndex((s) => /^\s*COMMIT/i.test(s));
      expect(insert, listing).toBeGreaterThan(-1);
      expect(insert, listing).toBeLessThan(commit);
    });
  }

  it("offers a release published after the last check, and stops offering it once yanked", async () => {
    const { agent, product, body } = await checkedTwice("1.0.0");
    const v3 = await release(product.slug, "3.0.0");
    const offered = await callUpdate(body, { token: agent.token });
    expect(offered.json.updates?.[0]).toMatchObject({
      latest: "3.0.0",
      status: "update_available",
    });
    await yankRelease({ actor: SYSTEM, input: { releaseId: v3.id, reason: "bad build" } });
    const after = await callUpdate(body, { token: agent.token });
    expect(after.json.updates?.[0]).toMatchObject({ latest: "2.0.0", status: "update_available" });
  });
});
