// Every storage call goes through storageFor() and leaves a "storage.accessed" audit event with
// who (roles, effective permissions), from where, which method, which object, bytes and result.
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import { afterAll, describe, expect, it } from "vitest";
import type { StaffActor } from "@/lib/authz/actor";
import type { Permission } from "@/lib/authz/permissions";
import { db } from "@/lib/db/client";
import { STORAGE_METHODS, type StorageDriver, type StorageMethod } from "@/lib/storage/driver";
import { LocalStorageDriver } from "@/lib/storage/drivers/local";
import { storageFor, type AuditedStorage } from "@/lib/storage/storage-access";

const staff = (): StaffActor => ({
  type: "USER",
  kind: "STAFF",
  userId: `usr_${randomUUID().replace(/-/g, "")}`,
  email: `rm-${randomUUID()}@vendor.test`,
  sessionId: null,
  roles: ["release-manager"],
  permissions: new Set<Permission>(["artifacts:write", "releases:read"]),
  stepUpAt: null,
});

const request = () => ({
  requestId: `req-${randomUUID()}`,
  ip: "203.0.113.9",
  userAgent: "storage-test/1.0",
});

// Wraps a real driver and notes which of its methods were reached.
const roots: string[] = [];
afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

function recordingDriver(): { driver: StorageDriver; reached: StorageMethod[] } {
  const root = mkdtempSync(path.join(tmpdir(), "tollgate-access-"));
  roots.push(root);
  const inner = new LocalStorageDriver(root);
  const reached: StorageMethod[] = [];
  const driver = Object.fromEntries(
    STORAGE_METHODS.map((method) => [
      method,
      (...args: unknown[]) => {
        reached.push(method);
        return (inner[method] as (...a: unknown[]) => Promise<unknown>).apply(inner, args);
      },
    ]),
  ) as unknown as StorageDriver;
  return { driver, reached };
}

const events = (requestId: string) =>
  db().auditEvent.findMany({
    where: { requestId, action: "storage.accessed" },
    orderBy: { seq: "asc" },
  });

// One call per driver method. A Record over StorageMethod: adding a method to the driver
// interface does not compile until this table exercises it.
const exercise: Record<
  StorageMethod,
  { key: string; call: (s: AuditedStorage, key: string) => Promise<unknown> }
> = {
  put: {
    key: "objects/put-me",
    call: (s, key) => s.put(key, Readable.from([Buffer.from("hello")]), { maxBytes: 100 }),
  },
  get: {
    key: "objects/seeded",
    call: async (s, key) => {
      const read = await s.get(key);
      await buffer(read.stream);
      return read.done;
    },
  },
  head: { key: "objects/seeded", call: (s, key) => s.head(key) },
  delete: { key: "objects/seeded", call: (s, key) => s.delete(key) },
  list: { key: "objects/", call: (s, key) => s.list(key) },
  presignGet: {
    key: "objects/seeded",
    call: (s, key) => s.presignGet(key, { expiresInSeconds: 60, fileName: "seeded.bin" }),
  },
};

describe("storage access layer", () => {
  it("offers exactly the driver's methods", () => {
    const { driver } = recordingDriver();
    const storage = storageFor({ actor: staff(), request: request() }, driver);
    expect(Object.keys(storage).sort()).toEqual([...STORAGE_METHODS].sort());
  });

  for (const method of STORAGE_METHODS) {
    it(`passes ${method} to the driver and audits it with actor, roles, permissions, IP, method and object`, async () => {
      const { driver, reached } = recordingDriver();
      const actor = staff();
      const req = request();
      const storage = storageFor({ actor, request: req }, driver);
      await storageFor(
        { actor, request: { ...req, requestId: `${req.requestId}-seed` } },
        driver,
      ).put("objects/seeded", Readable.from([Buffer.from("seeded!")]), { maxBytes: 100 });
      reached.length = 0;

      const { key, call } = exercise[method];
      await call(storage, key);

      expect(reached).toEqual([method]);
      const [event, ...more] = await events(req.requestId);
      expect(more).toEqual([]);
      expect(event).toMatchObject({
        action: "storage.accessed",
        result: "SUCCESS",
        actorType: "USER",
        actorId: actor.userId,
        actorLabel: actor.email,
        actorRoles: ["release-manager"],
        actorPermissions: ["artifacts:write", "releases:read"],
        ip: "203.0.113.9",
        userAgent: "storage-test/1.0",
        targetType: "storage_object",
        targetId: key,
      });
      expect(event?.metadata).toMatchObject({ method, key });
    });
  }

  it("records the bytes written by a put and the failure of a rejected one", async () => {
    const { driver } = recordingDriver();
    const req = request();
    const storage = storageFor({ actor: staff(), request: req }, driver);
    await storage.put("objects/ok", Readable.from([Buffer.alloc(1234)]), { maxBytes: 10_000 });
    await expect(
      storage.put("objects/bad", Readable.from([Buffer.alloc(99)]), {
        maxBytes: 10_000,
        expectedSha256: "0".repeat(64),
      }),
    ).rejects.toMatchObject({ code: "unprocessable" });
    const [ok, bad] = await events(req.requestId);
    expect(ok).toMatchObject({ result: "SUCCESS", metadata: { method: "put", bytes: 1234 } });
    expect(bad).toMatchObject({
      result: "FAILURE",
      targetId: "objects/bad",
      metadata: { method: "put", bytes: 99 },
    });
    expect(bad?.reason).toMatch(/SHA-256/);
  });

  it("records a completed read with the bytes sent", async () => {
    const { driver } = recordingDriver();
    const req = request();
    const storage = storageFor({ actor: staff(), request: req }, driver);
    await storage.put("objects/read", Readable.from([Buffer.alloc(300_000, 5)]), {
      maxBytes: 1_000_000,
    });
    const read = await storage.get("objects/read", { start: 1000, end: 200_999 });
    expect((await buffer(read.stream)).byteLength).toBe(200_000);
    expect(await read.done).toEqual({ bytesSent: 200_000, complete: true, audited: true });
    const event = (await events(req.requestId)).at(-1);
    expect(event).toMatchObject({
      result: "SUCCESS",
      metadata: {
        method: "get",
        bytes: 200_000,
        size: 200_000,
        totalSize: 300_000,
        range: { start: 1000, end: 200_999 },
      },
    });
  });

  it("records an abandoned read as a failure with the bytes actually sent", async () => {
    const { driver } = recordingDriver();
    const req = request();
    const storage = storageFor({ actor: staff(), request: req }, driver);
    await storage.put("objects/abandon", Readable.from([Buffer.alloc(4 * 1024 * 1024, 6)]), {
      maxBytes: 5 * 1024 * 1024,
    });
    const read = await storage.get("objects/abandon");
    let received = 0;
    for await (const chunk of read.stream) {
      received += (chunk as Buffer).byteLength;
      if (received >= 128 * 1024) break; // leaving the loop destroys the stream, like a client hanging up
    }
    const outcome = await read.done;
    expect(outcome.complete).toBe(false);
    expect(outcome.bytesSent).toBeGreaterThanOrEqual(received);
    expect(outcome.bytesSent).toBeLessThan(4 * 1024 * 1024);
    const event = (await events(req.requestId)).at(-1);
    expect(event).toMatchObject({
      result: "FAILURE",
      metadata: { method: "get", bytes: outcome.bytesSent },
    });
  });

  it("records a read of a missing object as a failure", async () => {
    const { driver } = recordingDriver();
    const req = request();
    await expect(
      storageFor({ actor: staff(), request: req }, driver).get("objects/none"),
    ).rejects.toMatchObject({ code: "not_found" });
    expect(await events(req.requestId)).toMatchObject([
      { result: "FAILURE", targetId: "objects/none", metadata: { method: "get", bytes: 0 } },
    ]);
  });
});
