// Lockout counting over the audit trail: per account and per source address, within the window.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { recordAuthFailure } from "@/lib/identity/record-auth-event";
import { findLockout } from "@/lib/identity/signin-lockout";
import { ctxFor, uid, uniqueLoopbackIp } from "./factories";

const limits = { maxFailures: 3, maxFailuresPerIp: 5, windowSeconds: 600 };

async function failure(
  account: string | null,
  ip: string,
  action: "auth.sign_in_failed" | "auth.mfa_failed" = "auth.mfa_failed",
) {
  return recordAuthFailure({ action, request: ctxFor(ip), reason: "test failure", account });
}

describe("sign-in lockout", () => {
  it("locks an account once it reaches the limit within the window, across addresses", async () => {
    const account = `a-${uid()}@vendor.test`;
    for (let i = 0; i < 2; i++) await failure(account, uniqueLoopbackIp());
    expect(
      await findLockout(db(), { account, ip: uniqueLoopbackIp() }, new Date(), limits),
    ).toBeNull();
    await failure(account, uniqueLoopbackIp());
    expect(
      await findLockout(db(), { account, ip: uniqueLoopbackIp() }, new Date(), limits),
    ).toMatchObject({ scope: "account", subject: account, failures: 3 });
  });

  it("counts only failures inside the window", async () => {
    const account = `w-${uid()}@vendor.test`;
    for (let i = 0; i < 3; i++) await failure(account, uniqueLoopbackIp());
    const later = new Date(Date.now() + 11 * 60 * 1000);
    expect(await findLockout(db(), { account, ip: null }, later, limits)).toBeNull();
  });

  it("locks a source address after its own (higher) limit, whatever accounts it tried", async () => {
    const ip = uniqueLoopbackIp();
    for (let i = 0; i < 4; i++) await failure(`${uid()}@vendor.test`, ip, "auth.sign_in_failed");
    expect(await findLockout(db(), { account: null, ip }, new Date(), limits)).toBeNull();
    await failure(null, ip, "auth.sign_in_failed");
    expect(await findLockout(db(), { account: null, ip }, new Date(), limits)).toMatchObject({
      scope: "ip",
      subject: ip,
      failures: 5,
    });
  });

  it("raises one open alert per locked subject when a failure tips it over, folding repeats", async () => {
    const account = `alert-${uid()}@vendor.test`;
    // The default limit (SIGNIN_MAX_FAILURES=5) applies inside recordAuthFailure.
    const results = [];
    for (let i = 0; i < 6; i++) results.push(await failure(account, uniqueLoopbackIp()));
    expect(results.slice(0, 4).every((r) => r === null)).toBe(true);
    expect(results[4]).toMatchObject({ scope: "account", subject: account });
    const alerts = await db().alert.findMany({
      where: { kind: "signin.lockout", subject: `account:${account}` },
    });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ status: "OPEN", severity: "HIGH", count: 2 });
  });
});
