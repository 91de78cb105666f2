// Where two requests race for one thing, exactly one wins: two staff publishing one release at
// once, two new machines taking a license's last seat at once. And a revocation applies to the
// very next request, even one carrying a token issued before it.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { toAppError } from "@/lib/http/error-mapper";
import { revokeLicense } from "@/lib/licensing/revoke-license";
import { revokeApiClient } from "@/lib/oauth/revoke-api-client";
import { publishRelease } from "@/lib/releases/publish-release";
import { staff } from "../oauth/factories";
import {
  callUpdate,
  checkBody,
  download,
  hex,
  makeAgent,
  makeWorld,
  onlyUpdate,
  release,
} from "../updates/factories";

describe("concurrency", () => {
  it("publishes a release once when two staff publish it at the same moment", async () => {
    const { product } = await makeWorld();
    const draft = await release(product.slug, "1.0.0", { publish: false });
    const outcomes = await Promise.allSettled(
      [staff(["releases:publish"]), staff(["releases:publish"])].map((actor) =>
        publishRelease({ actor, input: { releaseId: draft.id } }),
      ),
    );
    const won = outcomes.filter((o) => o.status === "fulfilled");
    const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(toAppError(lost[0]?.reason).status).toBe(409);
    expect(
      await db().auditEvent.count({
        where: { action: "releases.published", targetId: draft.id },
      }),
    ).toBe(1);
  });

  it("admits one new machine when several check in at once for a license's last seat", async () => {
    // Several rounds of several agents, so that a missing lock loses the race at least once.
    for (let round = 0; round < 4; round++) {
      const { product, license, agent } = await makeWorld({ maxMachines: 1 });
      const agents = [agent, ...(await Promise.all([1, 2, 3].map(() => makeAgent(license.id))))];
      await release(product.slug, "1.0.0");
      const answers = await Promise.all(
        agents.map((a) =>
          callUpdate(checkBody(product.slug, "1.0.0", {}, `m-${hex()}`), { token: a.token }),
        ),
      );
      expect(answers.map((a) => a.res.status).sort()).toEqual([200, 403, 403, 403]);
      for (const refused of answers.filter((a) => a.res.status === 403))
        expect(refused.json).toMatchObject({ reason: "machine_limit_reached" });
      expect(await db().machine.count({ where: { licenseId: license.id } })).toBe(1);
    }
  });
});

describe("revocation", () => {
  it("refuses a revoked license's agent at its next check and download, with a token issued before", async () => {
    const { product, license, agent } = await makeWorld();
    await release(product.slug, "1.0.0");
    await release(product.slug, "2.0.0");
    const offered = await onlyUpdate(agent.token, product.slug, "1.0.0");
    await revokeLicense({
      actor: staff(["licenses:revoke"]),
      input: { licenseId: license.id, reason: "contract ended" },
    });
    const check = await callUpdate(checkBody(product.slug, "1.0.0"), { token: agent.token });
    expect(check.res.status).toBe(403);
    expect(check.json).toMatchObject({ reason: "license_revoked" });
    const fetched = await download(offered.artifact?.url ?? "", { token: agent.token });
    expect(fetched.res.status).toBe(403);
  });

  it("refuses a revoked API client at its next request, with a token issued before", async () => {
    const { product, agent } = await makeWorld();
    await release(product.slug, "1.0.0");
    await release(product.slug, "2.0.0");
    const offered = await onlyUpdate(agent.token, product.slug, "1.0.0");
    await revokeApiClient({
      actor: staff(["api_clients:write"]),
      input: { apiClientId: agent.client.id, reason: "machine decommissioned" },
    });
    const check = await callUpdate(checkBody(product.slug, "1.0.0"), { token: agent.token });
    expect(check.res.status).toBe(401);
    const fetched = await download(offered.artifact?.url ?? "", { token: agent.token });
    expect(fetched.res.status).toBe(401);
  });
});
