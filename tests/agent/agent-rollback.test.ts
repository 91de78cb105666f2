// The agent's anti-downgrade rule and its one exception: an approved rollback (a directive staff
// made, carried in the signed answer as an instruction for this machine, product and from → to,
// not expired) takes the installation back; every other downgrade offer is refused, even when
// the answer is validly signed (here re-signed with the real release key after tampering).
import { readlink } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EXIT } from "@/agent/errors";
import { runUpdate } from "@/agent/run";
import { db } from "@/lib/db/client";
import { directRollback } from "@/lib/rollouts/direct-rollback";
import { signBytes } from "@/lib/signing/sign-bytes";
import { formatSignatureHeader } from "@/lib/updates/answer-signature";
import type { UpdateAnswer } from "@/lib/updates/update-check.schema";
import { SYSTEM } from "../updates/factories";
import { failure, world } from "./agent-world";
import { startRouteServer, type RouteServer } from "./route-server";

let server: RouteServer;
beforeEach(async () => {
  server = await startRouteServer();
});
afterEach(async () => {
  await server.close();
});

// An installation updated to 2.0.0, and a directive taking every machine back to 1.1.0.
async function onTwoWithRollback() {
  const w = await world(server);
  await runUpdate(w.config);
  const v11 = await db().release.findFirstOrThrow({
    where: { productId: w.product.id, version: "1.1.0" },
  });
  await directRollback({
    actor: SYSTEM,
    input: { fromReleaseId: w.v2.id, toReleaseId: v11.id, scope: "ALL", reason: "bad 2.0.0" },
  });
  return { ...w, v11 };
}

// Rewrites the answer and signs the new bytes with the real key: only the agent's own rules
// stand between such an answer and a downgrade.
function resignAnswer(edit: (answer: UpdateAnswer) => void) {
  server.tamper = async (p, response) => {
    if (p !== "/api/update") return response;
    const answer = (await response.json()) as UpdateAnswer;
    edit(answer);
    const body = JSON.stringify(answer);
    const headers = new Headers(response.headers);
    headers.set("x-tollgate-signature", formatSignatureHeader(signBytes(body)));
    headers.delete("content-length");
    return new Response(body, { status: 200, headers });
  };
}

const current = (dir: string) => readlink(path.join(dir, "current"));

describe("tollgate-agent rollbacks", () => {
  it("goes back when a rollback was approved, and reports it", async () => {
    const { config, dir, v2, v11 } = await onTwoWithRollback();
    const outcome = await runUpdate(config);
    expect(outcome).toMatchObject({ status: "updated", from: "2.0.0", to: "1.1.0" });
    expect(outcome.steps).toEqual([expect.objectContaining({ version: "1.1.0", rollback: true })]);
    expect(await current(dir)).toBe(path.join("releases", "1.1.0"));
    expect(
      await db().installEvent.findFirst({ where: { releaseId: v11.id, kind: "INSTALLED" } }),
    ).toMatchObject({ previousVersion: "2.0.0" });
    expect(
      await db().installEvent.findFirst({ where: { releaseId: v2.id, kind: "ROLLED_BACK" } }),
    ).toMatchObject({ previousVersion: "1.1.0" });
    // Back on 1.1.0 the machine is not offered 2.0.0 again while the rollback stands.
    expect(await runUpdate(config)).toMatchObject({ status: "up_to_date", from: "1.1.0" });
  });

  it("refuses a downgrade nobody approved, even in a validly signed answer", async () => {
    const { config, dir } = await onTwoWithRollback();
    resignAnswer((answer) => {
      delete answer.updates[0]?.rollback;
    });
    const error = await failure(runUpdate(config));
    expect(error.exitCode).toBe(EXIT.ANSWER_REJECTED);
    expect(error.message).toMatch(/not newer than 2\.0\.0, and no rollback was approved/);
    expect(await current(dir)).toBe(path.join("releases", "2.0.0"));
  });

  it("refuses a rollback instruction for another machine, other versions, or past its expiry", async () => {
    const { config, dir } = await onTwoWithRollback();
    const edits: Array<[(a: UpdateAnswer) => void, RegExp]> = [
      [
        (a) => {
          if (a.updates[0]?.rollback) a.updates[0].rollback.machine = "m-someone-else";
        },
        /another machine/,
      ],
      [
        (a) => {
          if (a.updates[0]?.rollback) a.updates[0].rollback.from = "1.9.0";
        },
        /names 1\.9\.0 → 1\.1\.0/,
      ],
      [
        (a) => {
          if (a.updates[0]?.rollback)
            a.updates[0].rollback.expiresAt = new Date(Date.now() - 1000).toISOString();
        },
        /expired/,
      ],
    ];
    for (const [edit, why] of edits) {
      resignAnswer(edit);
      const error = await failure(runUpdate(config));
      expect(error.exitCode).toBe(EXIT.ANSWER_REJECTED);
      expect(error.message).toMatch(why);
      expect(await current(dir)).toBe(path.join("releases", "2.0.0"));
    }
    // Untouched, the same server answer is accepted.
    server.tamper = null;
    expect(await runUpdate(config)).toMatchObject({ to: "1.1.0" });
  });
});
