// The agent's verification functions, with a throwaway release key: answers and artifacts are
// accepted only when signed by a pinned key, for this client, machine and request, and fresh.
import { createPublicKey, generateKeyPairSync } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { signArtifact } from "@/lib/signing/artifact-signature";
import { createKeyring } from "@/lib/signing/keyring";
import { signBytes } from "@/lib/signing/sign-bytes";
import { formatSignatureHeader } from "@/lib/updates/answer-signature";
import type { UpdateAnswer } from "@/lib/updates/update-check.schema";
import { AgentError, EXIT } from "@/agent/errors";
import { loadPinnedKey } from "@/agent/keys";
import { verifyAnswer } from "@/agent/verify-answer";
import { artifactSignatureValid, verifyArtifactFile } from "@/agent/verify-artifact";
import { sha256 } from "../updates/factories";

const pem = generateKeyPairSync("ed25519")
  .privateKey.export({ type: "pkcs8", format: "pem" })
  .toString();
const keyring = createKeyring({ privateKeyPem: pem, keyId: "release-test" });
const pinned = [createPublicKey(keyring.privateKey)];
const now = new Date("2030-06-01T12:00:00Z");

function answer(overrides: Partial<UpdateAnswer> = {}): UpdateAnswer {
  return {
    format: "tollgate-update-answer-v1",
    client: "agent-1",
    machine: "m-1",
    nonce: "nonce-0123456789abcdef",
    issuedAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + 300_000).toISOString(),
    keyId: "release-test",
    updates: [],
    ...overrides,
  };
}

function signed(body: UpdateAnswer | string) {
  const bytes = Buffer.from(typeof body === "string" ? body : JSON.stringify(body));
  return { bytes, header: formatSignatureHeader(signBytes(bytes, keyring)) };
}

const expectations = {
  keys: pinned,
  clientId: "agent-1",
  machineId: "m-1",
  nonce: "nonce-0123456789abcdef",
  now,
};

function check(body: UpdateAnswer) {
  const { bytes, header } = signed(body);
  return verifyAnswer(bytes, header, expectations);
}

function refusal(fn: () => unknown): AgentError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AgentError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("verifyAnswer", () => {
  it("accepts a fresh answer signed by the pinned key for this client, machine and nonce", () => {
    const { bytes, header } = signed(answer());
    expect(verifyAnswer(bytes, header, expectations)).toMatchObject({
      client: "agent-1",
      machine: "m-1",
    });
  });

  it.each([
    [
      "a changed byte",
      () => {
        const { bytes, header } = signed(answer());
        bytes[bytes.length - 3] = 0x20;
        return verifyAnswer(bytes, header, expectations);
      },
    ],
    ["a missing header", () => verifyAnswer(signed(answer()).bytes, null, expectations)],
    ["a malformed header", () => verifyAnswer(signed(answer()).bytes, "sig=abc", expectations)],
    [
      "another key",
      () => {
        const other = createKeyring({
          privateKeyPem: generateKeyPairSync("ed25519")
            .privateKey.export({ type: "pkcs8", format: "pem" })
            .toString(),
          keyId: "release-test",
        });
        const bytes = Buffer.from(JSON.stringify(answer()));
        return verifyAnswer(bytes, formatSignatureHeader(signBytes(bytes, other)), expectations);
      },
    ],
    [
      "an expired answer",
      () => check(answer({ expiresAt: new Date(now.getTime() - 1).toISOString() })),
    ],
    [
      "an answer from the future",
      () => check(answer({ issuedAt: new Date(now.getTime() + 3600_000).toISOString() })),
    ],
    ["another nonce (a replay)", () => check(answer({ nonce: "nonce-ffffffffffffffff" }))],
    ["no nonce", () => check(answer({ nonce: undefined }))],
    ["another client", () => check(answer({ client: "agent-2" }))],
    ["another machine", () => check(answer({ machine: "m-2" }))],
    [
      "another document signed by the same key (a release manifest)",
      () => {
        const { bytes, header } = signed(
          '{"format":"tollgate-release-manifest-v1","product":"p","version":"1.0.0","channel":"stable","artifacts":[]}',
        );
        return verifyAnswer(bytes, header, expectations);
      },
    ],
  ])("refuses %s", (_name, attempt) => {
    expect(refusal(attempt).exitCode).toBe(EXIT.ANSWER_REJECTED);
  });
});

describe("artifact verification", () => {
  const data = Buffer.from("the build\n".repeat(1000));
  const fields = {
    product: "acme-server",
    version: "2.0.0",
    platform: "linux",
    arch: "x64",
    size: data.length,
    sha256: sha256(data),
  };
  // Signed by the server's own code (lib/signing), verified by the agent's: one canonical message.
  const { signature } = signArtifact(fields, keyring);

  it("agrees with the server's signing message", () => {
    expect(artifactSignatureValid({ ...fields, signature }, pinned)).toBe(true);
    for (const change of [
      { version: "2.0.1" },
      { product: "acme-agent" },
      { arch: "arm64" },
      { size: data.length + 1 },
    ]) {
      expect(artifactSignatureValid({ ...fields, ...change, signature }, pinned)).toBe(false);
    }
  });

  it("accepts the right file and refuses a flipped byte or a short file", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "tollgate-verify-"));
    const good = path.join(dir, "good");
    writeFileSync(good, data);
    await expect(
      verifyArtifactFile(good, { ...fields, signature }, pinned),
    ).resolves.toBeUndefined();
    const flipped = Buffer.from(data);
    flipped[5] = (flipped[5] ?? 0) ^ 1;
    writeFileSync(path.join(dir, "flipped"), flipped);
    await expect(
      verifyArtifactFile(path.join(dir, "flipped"), { ...fields, signature }, pinned),
    ).rejects.toMatchObject({ exitCode: EXIT.ARTIFACT_REJECTED });
    writeFileSync(path.join(dir, "short"), data.subarray(1));
    await expect(
      verifyArtifactFile(path.join(dir, "short"), { ...fields, signature }, pinned),
    ).rejects.toMatchObject({ exitCode: EXIT.ARTIFACT_REJECTED });
  });
});

describe("pinned keys", () => {
  it("load from a PEM file or base64, and refuse anything else", () => {
    const pair = generateKeyPairSync("ed25519");
    const dir = mkdtempSync(path.join(tmpdir(), "tollgate-keys-"));
    const file = path.join(dir, "release.pem");
    writeFileSync(file, pair.publicKey.export({ type: "spki", format: "pem" }));
    expect(loadPinnedKey(file).equals(pair.publicKey)).toBe(true);
    const raw = Buffer.from(pair.publicKey.export({ format: "jwk" }).x ?? "", "base64url").toString(
      "base64",
    );
    expect(loadPinnedKey(raw).equals(pair.publicKey)).toBe(true);
    const rsa = generateKeyPairSync("rsa", { modulusLength: 1024 })
      .publicKey.export({ type: "spki", format: "der" })
      .toString("base64");
    expect(() => loadPinnedKey(rsa)).toThrow(AgentError);
    expect(() => loadPinnedKey("not a key")).toThrow(AgentError);
  });
});
