// Unique data per test for the update API: a product with published releases (through the real
// release operations, so artifacts are really stored and signed), a license entitling it, an
// agent API client with a real token from the token endpoint, and helpers that call the route
// handlers with real Requests.
import { createHash, randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { systemActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import type { ExpiryBehavior, LicenseStatus } from "@/lib/generated/prisma/client";
import { hashSessionToken, newSessionToken } from "@/lib/identity/session-token";
import { createApiClient } from "@/lib/oauth/create-api-client";
import { createProduct } from "@/lib/releases/create-product";
import { createRelease } from "@/lib/releases/create-release";
import { publishRelease } from "@/lib/releases/publish-release";
import { uploadArtifact } from "@/lib/releases/upload-artifact";
import type { Arch, Platform } from "@/lib/releases/upload-artifact.schema";
import { POST as tokenRoute } from "@/app/api/oauth/token/route";
import { POST as updateRoute } from "@/app/api/update/route";
import { POST as eventsRoute } from "@/app/api/update/events/route";
import { GET as downloadRoute } from "@/app/api/downloads/[id]/route";

export const SYSTEM = systemActor("update-tests");
export const hex = (bytes = 6) => randomBytes(bytes).toString("hex");
export const sha256 = (data: Buffer) => createHash("sha256").update(data).digest("hex");
// Documentation range 2001:db8::/32, a fresh /64 per call: tests never share an address budget.
export const uniqueIp = () => `2001:db8:${hex(2)}:${hex(2)}::7`;
const noParams = { params: Promise.resolve({}) };

export async function makeProduct(channels = ["stable", "beta"]) {
  return createProduct({
    actor: SYSTEM,
    input: { slug: `upd-${hex()}`, name: "Update test product", channels },
  });
}

export interface ReleaseOptions {
  channel?: string;
  targets?: Array<[Platform, Arch]>;
  critical?: boolean;
  minimumVersion?: string;
  publish?: boolean;
  publishedAt?: Date;
  content?: Buffer;
}

export async function release(product: string, version: string, options: ReleaseOptions = {}) {
  const draft = await createRelease({
    actor: SYSTEM,
    input: {
      product,
      version,
      channel: options.channel ?? "stable",
      critical: options.critical ?? false,
      minimumVersion: options.minimumVersion ?? null,
    },
  });
  const contents = new Map<string, Buffer>();
  for (const [platform, arch] of options.targets ?? [["linux", "x64"]]) {
    const data =
      options.content ??
      Buffer.from(`${product} ${version} ${platform}/${arch} ${hex(16)}\n`.repeat(50));
    await uploadArtifact({
      actor: SYSTEM,
      input: {
        releaseId: draft.id,
        platform,
        arch,
        sha256: sha256(data),
        fileName: `${product}-${version}-${platform}-${arch}.tar.gz`,
      },
      body: Readable.from([data]),
    });
    contents.set(`${platform}/${arch}`, data);
  }
  if (options.publish === false) return { id: draft.id, version, contents };
  await publishRelease({ actor: SYSTEM, input: { releaseId: draft.id } });
  if (options.publishedAt) {
    await db().release.update({
      where: { id: draft.id },
      data: { publishedAt: options.publishedAt },
    });
  }
  return { id: draft.id, version, contents };
}

export interface LicenseOptions {
  productId: string;
  channels?: string[];
  platforms?: string[];
  status?: LicenseStatus;
  expiresAt?: Date;
  expiryBehavior?: ExpiryBehavior;
  maxMachines?: number | null;
}

export async function makeLicense(options: LicenseOptions) {
  const slug = `upd-cust-${hex()}`;
  const customer = await db().customer.create({ data: { slug, name: `Customer ${slug}` } });
  const license = await db().license.create({
    data: {
      customerId: customer.id,
      keyHash: `test-${hex(16)}`,
      keyCiphertext: "test",
      keyHint: "TG-TEST",
      status: options.status ?? "ACTIVE",
      expiresAt: options.expiresAt ?? new Date(Date.now() + 365 * 86_400_000),
      expiryBehavior: options.expiryBehavior ?? "ACCESS_STOPS",
      maxMachines: options.maxMachines ?? null,
      entitlements: {
        create: {
          productId: options.productId,
          channels: options.channels ?? ["stable"],
          platforms: options.platforms ?? [],
        },
      },
    },
  });
  return { customer, license };
}

export async function makeAgent(
  licenseId: string,
  scopes: Array<"update:check" | "update:download" | "update:report"> = [
    "update:check",
    "update:download",
    "update:report",
  ],
) {
  const { client, secret } = await createApiClient({
    actor: SYSTEM,
    input: { kind: "AGENT", name: `Agent ${hex()}`, licenseId, scopes },
  });
  return { client, secret, token: await tokenFor(client.clientId, secret) };
}

export async function tokenFor(clientId: string, secret: string): Promise<string> {
  const res = await tokenRoute(
    new Request("http://localhost/api/oauth/token", {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        authorization: `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString("base64")}`,
        "x-tollgate-peer": uniqueIp(),
      },
      body: "grant_type=client_credentials",
    }),
    noParams,
  );
  const body = (await res.json()) as { access_token?: string };
  if (res.status !== 200 || !body.access_token)
    throw new Error(`token request failed: ${res.status} ${JSON.stringify(body)}`);
  return body.access_token;
}

// A product, a license on it and an agent: the usual starting point.
export async function makeWorld(license: Omit<LicenseOptions, "productId"> = {}) {
  const product = await makeProduct();
  const { customer, license: row } = await makeLicense({ productId: product.id, ...license });
  const agent = await makeAgent(row.id);
  return { product, customer, license: row, agent };
}

export interface CallOptions {
  token?: string | null;
  contentType?: string | null;
  ip?: string;
  requestId?: string;
}

export function updateRequest(body: unknown, options: CallOptions = {}): Request {
  const headers: Record<string, string> = {
    "x-tollgate-peer": options.ip ?? uniqueIp(),
    "x-request-id": options.requestId ?? `req-${hex(8)}`,
    "user-agent": "update-tests",
  };
  if (options.token !== null && options.token !== undefined)
    headers.authorization = `Bearer ${options.token}`;
  if (options.contentType !== null)
    headers["content-type"] = options.contentType ?? "application/json";
  return new Request("http://localhost/api/update", {
    method: "POST",
    headers,
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

export async function callEvents(body: unknown, options: CallOptions = {}) {
  const requestId = options.requestId ?? `req-${hex(8)}`;
  const req = updateRequest(body, { ...options, requestId });
  const res = await eventsRoute(
    new Request("http://localhost/api/update/events", {
      method: "POST",
      headers: req.headers,
      body: await req.text(),
    }),
    noParams,
  );
  const text = await res.text();
  return { res, json: JSON.parse(text) as Record<string, unknown>, requestId };
}

export async function callUpdate(body: unknown, options: CallOptions = {}) {
  const requestId = options.requestId ?? `req-${hex(8)}`;
  const res = await updateRoute(updateRequest(body, { ...options, requestId }), noParams);
  const text = await res.text();
  return {
    res,
    text,
    json: JSON.parse(text) as Record<string, unknown> & { updates?: UpdateItem[] },
    requestId,
  };
}

export interface UpdateItem {
  product: string;
  installed: string;
  status: string;
  latest: string | null;
  reason?: string;
  release?: {
    id: string;
    version: string;
    critical: boolean;
    steppingStone: boolean;
    minimumVersion: string | null;
  };
  artifact?: {
    id: string;
    url: string;
    size: number;
    sha256: string;
    signature: string;
    keyId: string;
    expiresAt: string;
  };
}

export function checkBody(
  product: string,
  version: string,
  more: Record<string, unknown> = {},
  machineId = `m-${hex()}`,
) {
  return {
    products: [{ product, version, channel: "stable", platform: "linux", arch: "x64", ...more }],
    machine: { id: machineId, hostname: "build-01.example.test" },
  };
}

export async function onlyUpdate(
  token: string,
  product: string,
  version: string,
  more: Record<string, unknown> = {},
) {
  const { res, json } = await callUpdate(checkBody(product, version, more), { token });
  if (res.status !== 200)
    throw new Error(`update check failed: ${res.status} ${JSON.stringify(json)}`);
  const [item] = json.updates ?? [];
  if (!item) throw new Error("the answer has no update entry");
  return item;
}

export interface DownloadOptions {
  token?: string | null;
  headers?: Record<string, string>;
  cookie?: string;
  ip?: string;
}

export async function download(url: string, options: DownloadOptions = {}) {
  const target = new URL(url);
  const id = target.pathname.split("/").pop() ?? "";
  const headers: Record<string, string> = {
    "x-tollgate-peer": options.ip ?? uniqueIp(),
    "x-request-id": `req-${hex(8)}`,
    ...options.headers,
  };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.cookie) headers.cookie = options.cookie;
  const res = await downloadRoute(
    new Request(`http://localhost${target.pathname}${target.search}`, { headers }),
    {
      params: Promise.resolve({ id }),
    },
  );
  const bytes = Buffer.from(await res.arrayBuffer());
  return { res, bytes, requestId: headers["x-request-id"] ?? "" };
}

// Waits for a row written after a response has streamed (downloads.served is recorded then).
export async function eventually<T>(
  probe: () => Promise<T | null | undefined>,
  timeoutMs = 5000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null && value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting for the condition");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// A customer-portal user of `customerId` with a live session; returns the Cookie header value.
export async function customerSessionCookie(customerId: string): Promise<string> {
  const user = await db().user.create({
    data: { email: `ops-${hex()}@customer.test`, kind: "CUSTOMER" },
  });
  await db().customerMembership.create({ data: { userId: user.id, customerId, role: "MEMBER" } });
  const token = newSessionToken();
  const now = new Date();
  await db().session.create({
    data: {
      sessionToken: hashSessionToken(token),
      userId: user.id,
      expires: new Date(now.getTime() + 3600_000),
      idpAmr: ["pwd"],
      mfaVerifiedAt: now,
    },
  });
  return `tollgate.session=${token}`;
}
