// Property-based tests: thousands of generated and hostile bodies against the validation layer,
// and hundreds through the whole /api/update handler (token, rate limits, validation,
// resolution, machine check-in). Only 200/400/401/403/413/415/429 may come back, never a 500,
// and no Machine row with invalid data is ever written.
import fc from "fast-check";
import semver from "semver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import {
  installedProductSchema,
  machineIdSchema,
  hostnameSchema,
  updateCheckRequestSchema,
} from "@/lib/updates/update-check.schema";
import { callUpdate, hex, makeAgent, makeLicense, makeProduct, release } from "./factories";

const HOSTILE = [
  '1.0.0;DROP TABLE "License"',
  "' OR 1=1 --",
  "../../etc/passwd",
  "..\\..\\windows",
  "\u0000",
  "1.0.0\n",
  "1.0.0\r\nX-Injected: 1",
  "${jndi:ldap://attacker/a}",
  "<script>alert(1)</script>",
  "1.0.0+build.7",
  "v1.0.0",
  "99999999999999999999.0.0",
  "2147483648.0.0",
  "1.0.0-" + "a".repeat(80),
  "\uD800",
  "１.０.０",
  "%00",
  "__proto__",
  "constructor",
  "",
];

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...HOSTILE),
  fc.string({ maxLength: 80 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 }),
);

const versionArb = fc
  .tuple(
    fc.nat(20),
    fc.nat(20),
    fc.nat(20),
    fc.option(fc.constantFrom("rc.1", "beta.2", "alpha"), { nil: undefined }),
  )
  .map(([a, b, c, pre]) => `${a}.${b}.${c}${pre ? `-${pre}` : ""}`);

function validProduct(slug: fc.Arbitrary<string>) {
  return fc.record({
    product: slug,
    version: versionArb,
    channel: fc.constantFrom("stable", "beta"),
    platform: fc.constantFrom("linux", "windows", "darwin"),
    arch: fc.constantFrom("x64", "arm64"),
  });
}

const machineArb = fc.record(
  {
    // Mostly a small fleet that checks in again and again, sometimes a machine never seen before.
    id: fc.oneof(
      { weight: 4, arbitrary: fc.integer({ min: 1, max: 30 }).map((i) => `machine-${i}`) },
      { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z0-9._:-]{1,40}$/) },
    ),
    hostname: fc.stringMatching(/^[a-z0-9]{1,20}(\.[a-z0-9]{1,10}){0,3}$/),
  },
  { requiredKeys: ["id"] },
);

function validBody(slug: fc.Arbitrary<string>) {
  return fc.record({
    products: fc.uniqueArray(validProduct(slug), {
      minLength: 1,
      maxLength: 4,
      selector: (p) => `${p.product} ${p.platform} ${p.arch}`,
    }),
    machine: machineArb,
  });
}

type Body = Record<string, unknown>;

// A valid body with one hostile change: a field replaced, removed or added, at any level.
function mutated(slug: fc.Arbitrary<string>): fc.Arbitrary<unknown> {
  const mutation = fc.tuple(
    fc.nat(),
    fc.constantFrom("replace", "remove", "add"),
    fc.string({ minLength: 1, maxLength: 12 }),
    hostileValue,
  );
  return fc.tuple(validBody(slug), mutation).map(([body, [pick, kind, extraKey, value]]) => {
    const copy = structuredClone(body) as Body & { products: Body[]; machine: Body };
    const targets: Body[] = [copy, copy.machine, ...copy.products];
    const target = targets[pick % targets.length] ?? copy;
    const keys = Object.keys(target);
    const key = keys[pick % Math.max(1, keys.length)] ?? "x";
    if (kind === "replace") target[key] = value;
    else if (kind === "remove") delete target[key];
    else target[extraKey] = value;
    return copy;
  });
}

const anyBody = (slug: fc.Arbitrary<string>) =>
  fc.oneof(
    { weight: 4, arbitrary: validBody(slug) },
    { weight: 4, arbitrary: mutated(slug) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  );

// Independent of the schema: what a stored or used value must look like.
function strictlyValidProduct(p: Record<string, unknown>): boolean {
  const version = String(p.version);
  return (
    /^[a-z0-9][a-z0-9-]{0,62}$/.test(String(p.product)) &&
    version.length <= 64 &&
    semver.valid(version) === version &&
    !version.includes("+") &&
    ["linux", "windows", "darwin"].includes(String(p.platform)) &&
    ["x64", "arm64"].includes(String(p.arch)) &&
    /^[a-z0-9][a-z0-9._-]{0,31}$/.test(String(p.channel))
  );
}

describe("update check validation (property)", () => {
  const slug = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,20}$/);

  it("accepts every well-formed body", () => {
    fc.assert(
      fc.property(
        validBody(slug),
        fc.option(fc.stringMatching(/^[A-Za-z0-9_-]{16,64}$/), { nil: undefined }),
        (body, nonce) => {
          expect(
            updateCheckRequestSchema.safeParse(nonce ? { ...body, nonce } : body).success,
          ).toBe(true);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("lets nothing through that is not strictly valid, and never throws", () => {
    fc.assert(
      fc.property(anyBody(slug), (body) => {
        const result = updateCheckRequestSchema.safeParse(body);
        if (!result.success) {
          expect(result.error.issues.length).toBeGreaterThan(0);
          return;
        }
        const data = result.data;
        expect(Object.keys(data).every((k) => ["products", "machine", "nonce"].includes(k))).toBe(
          true,
        );
        expect(data.products.length).toBeGreaterThanOrEqual(1);
        expect(data.products.length).toBeLessThanOrEqual(20);
        for (const p of data.products) {
          expect(Object.keys(p).sort()).toEqual([
            "arch",
            "channel",
            "platform",
            "product",
            "version",
          ]);
          expect(strictlyValidProduct(p)).toBe(true);
        }
        expect(data.machine.id).toMatch(/^[A-Za-z0-9._:-]{1,128}$/);
        if (data.machine.hostname !== undefined)
          expect(data.machine.hostname.length).toBeLessThanOrEqual(253);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("POST /api/update (property, through the whole handler)", () => {
  const ALLOWED = new Set([200, 400, 401, 403, 413, 415, 429]);
  let world: { slug: string; licenseId: string; tokens: string[] };

  beforeAll(async () => {
    const product = await makeProduct();
    await release(product.slug, "1.0.0");
    await release(product.slug, "2.0.0", {
      targets: [
        ["linux", "x64"],
        ["windows", "arm64"],
      ],
    });
    const { license } = await makeLicense({
      productId: product.id,
      channels: ["stable", "beta"],
      maxMachines: 25,
    });
    // Several agents share the load, so most requests get past the per-client rate limit.
    const agents = await Promise.all(Array.from({ length: 4 }, () => makeAgent(license.id)));
    world = { slug: product.slug, licenseId: license.id, tokens: agents.map((a) => a.token) };
  });

  afterAll(async () => {
    // The license's machines must all hold valid data, whatever was thrown at the handler.
    const machines = await db().machine.findMany({ where: { licenseId: world.licenseId } });
    expect(machines.length).toBeGreaterThan(0);
    expect(machines.length).toBeLessThanOrEqual(25);
    for (const m of machines) {
      expect(machineIdSchema.safeParse(m.machineId).success).toBe(true);
      if (m.hostname !== null) expect(hostnameSchema.safeParse(m.hostname).success).toBe(true);
      const versions = m.versions as unknown[];
      expect(Array.isArray(versions) && versions.length > 0).toBe(true);
      for (const v of versions) {
        expect(installedProductSchema.safeParse(v).success).toBe(true);
        expect(strictlyValidProduct(v as Record<string, unknown>)).toBe(true);
      }
    }
  });

  it("answers only 200/400/401/403/413/415/429, never 500, to generated and hostile requests", async () => {
    const slug = fc.oneof(fc.constant("known"), fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,10}$/));
    const request = fc.record({
      body: fc.oneof(
        { weight: 8, arbitrary: anyBody(slug).map((b) => JSON.stringify(b)) },
        { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
        {
          weight: 1,
          arbitrary: fc.constant(
            `{"products":[${'{"a":1},'.repeat(3000)}{}],"machine":{"id":"x"}}`,
          ),
        },
      ),
      contentType: fc.oneof(
        { weight: 10, arbitrary: fc.constant("application/json") },
        {
          weight: 1,
          arbitrary: fc.constantFrom(
            "application/json; charset=utf-8",
            "text/plain",
            "application/xml",
            "",
          ),
        },
      ),
      token: fc.oneof(
        { weight: 10, arbitrary: fc.nat(3) },
        { weight: 1, arbitrary: fc.constantFrom(-1, -2) },
      ),
    });
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(request, async ({ body, contentType, token }) => {
        const text = body.replaceAll('"known"', JSON.stringify(world.slug));
        const bearer =
          token >= 0
            ? world.tokens[token % world.tokens.length]
            : token === -1
              ? null
              : `x.${hex()}.y`;
        const { res, json } = await callUpdate(text, {
          token: bearer,
          contentType: contentType || null,
        });
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        expect(ALLOWED.has(res.status), `${res.status} for ${text.slice(0, 200)}`).toBe(true);
        if (res.status !== 200) expect(json).toHaveProperty("code");
      }),
      { numRuns: 300 },
    );
    // The generators must reach the interesting outcomes, or the property proves little.
    expect(statuses.get(200) ?? 0).toBeGreaterThan(50);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(50);
  });
});
