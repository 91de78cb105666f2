import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { callToken } from "./factories";

describe("POST /api/oauth/token alarms", () => {
  it("raises one alert for repeated failed token requests from one address, folding repeats", async () => {
    const b = randomBytes(2);
    const ip = `198.51.${b[0]}.${Math.max(1, b[1] ?? 1)}`;
    const form = {
      grant_type: "client_credentials",
      client_id: "guess-me",
      client_secret: "wrong-secret-value",
    };
    for (let i = 0; i < 9; i++) expect((await callToken({ ip, form })).res.status).toBe(401);
    expect(await db().alert.count({ where: { subject: ip } })).toBe(0);

    expect((await callToken({ ip, form })).res.status).toBe(401);
    const alert = await db().alert.findFirstOrThrow({ where: { subject: ip } });
    expect(alert).toMatchObject({
      kind: "api.repeated_failures",
      status: "OPEN",
      severity: "HIGH",
      count: 1,
    });

    await callToken({ ip, form });
    expect(await db().alert.count({ where: { subject: ip } })).toBe(1);
    expect((await db().alert.findFirstOrThrow({ where: { subject: ip } })).count).toBe(2);
  });
});
