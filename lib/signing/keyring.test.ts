import { createPublicKey, generateKeyPairSync, verify } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createKeyring, currentKeyring } from "./keyring";
import { publicKeys } from "./public-keys";
import { signBytes, verifyBytes } from "./sign-bytes";

const ed25519 = () => generateKeyPairSync("ed25519");
const pem = (key: ReturnType<typeof ed25519>) =>
  key.privateKey.export({ type: "pkcs8", format: "pem" }).toString();

describe("release-signing keyring", () => {
  it("signs with the active key and verifies only the same bytes", () => {
    const keyring = createKeyring({ privateKeyPem: pem(ed25519()), keyId: "release-1" });
    const signed = signBytes("hello", keyring);
    expect(signed.keyId).toBe("release-1");
    expect(Buffer.from(signed.signature, "base64")).toHaveLength(64);
    expect(verifyBytes("hello", signed, keyring)).toBe(true);
    expect(verifyBytes("hellO", signed, keyring)).toBe(false);
    expect(verifyBytes("hello", { ...signed, keyId: "release-2" }, keyring)).toBe(false);
    expect(verifyBytes("hello", { ...signed, signature: "AAAA" }, keyring)).toBe(false);
  });

  it("keeps verifying a retired key's signatures during the overlap period, and only then", () => {
    const old = createKeyring({ privateKeyPem: pem(ed25519()), keyId: "release-1" });
    const oldSignature = signBytes("artifact", old);
    const published = publicKeys(old)[0]?.publicKeyBase64 ?? "";

    const rotated = createKeyring({
      privateKeyPem: pem(ed25519()),
      keyId: "release-2",
      previousKeys: `release-1:${published}`,
    });
    expect(verifyBytes("artifact", oldSignature, rotated)).toBe(true);
    expect(signBytes("artifact", rotated).keyId).toBe("release-2");
    expect(publicKeys(rotated).map((k) => [k.keyId, k.status])).toEqual([
      ["release-2", "active"],
      ["release-1", "previous"],
    ]);

    const afterOverlap = createKeyring({ privateKeyPem: pem(ed25519()), keyId: "release-2" });
    expect(verifyBytes("artifact", oldSignature, afterOverlap)).toBe(false);
  });

  it("accepts previous keys as raw base64, SPKI DER or PEM", () => {
    const pair = ed25519();
    const spki = pair.publicKey.export({ type: "spki", format: "der" });
    const pemText = pair.publicKey.export({ type: "spki", format: "pem" }).toString();
    const raw = Buffer.from(pair.publicKey.export({ format: "jwk" }).x ?? "", "base64url");
    const keyring = createKeyring({
      privateKeyPem: pem(ed25519()),
      keyId: "now",
      previousKeys: `a:${raw.toString("base64")}, b:${spki.toString("base64")},c:${Buffer.from(pemText).toString("base64")}`,
    });
    const signed = signBytes("x", createKeyring({ privateKeyPem: pem(pair), keyId: "a" }));
    for (const keyId of ["a", "b", "c"])
      expect(verifyBytes("x", { ...signed, keyId }, keyring)).toBe(true);
  });

  it("refuses keys that are not Ed25519, malformed entries and reused key ids", () => {
    const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 })
      .privateKey.export({ type: "pkcs8", format: "pem" })
      .toString();
    expect(() => createKeyring({ privateKeyPem: rsa, keyId: "k" })).toThrow(/Ed25519/);
    const key = pem(ed25519());
    expect(() =>
      createKeyring({ privateKeyPem: key, keyId: "k", previousKeys: "no-colon" }),
    ).toThrow(/keyId:base64/);
    expect(() =>
      createKeyring({ privateKeyPem: key, keyId: "k", previousKeys: "old:bm90IGEga2V5" }),
    ).toThrow(/old/);
    const raw = Buffer.from(
      ed25519().publicKey.export({ format: "jwk" }).x ?? "",
      "base64url",
    ).toString("base64");
    expect(() =>
      createKeyring({ privateKeyPem: key, keyId: "k", previousKeys: `k:${raw}` }),
    ).toThrow(/used twice/);
    expect(() => createKeyring({ privateKeyPem: key, keyId: "bad id" })).toThrow(/KEY_ID/);
  });

  it("publishes a raw public key an agent can verify with directly", () => {
    const keyring = createKeyring({ privateKeyPem: pem(ed25519()), keyId: "release-9" });
    const [published] = publicKeys(keyring);
    const raw = Buffer.from(published?.publicKeyBase64 ?? "", "base64");
    expect(raw).toHaveLength(32);
    const agentKey = createPublicKey({
      key: { kty: "OKP", crv: "Ed25519", x: raw.toString("base64url") },
      format: "jwk",
    });
    const signed = signBytes("payload", keyring);
    expect(
      verify(null, Buffer.from("payload"), agentKey, Buffer.from(signed.signature, "base64")),
    ).toBe(true);
    expect(createPublicKey(published?.publicKeyPem ?? "").equals(agentKey)).toBe(true);
  });

  it("loads the environment's key (RELEASE_SIGNING_KEY, RELEASE_SIGNING_KEY_ID)", () => {
    const keyring = currentKeyring();
    expect(keyring.activeKeyId).toBe(process.env.RELEASE_SIGNING_KEY_ID);
    expect(currentKeyring()).toBe(keyring);
    expect(verifyBytes("env", signBytes("env"))).toBe(true);
  });
});
