import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  artifactSigningMessage,
  signArtifact,
  verifyArtifactSignature,
  type ArtifactSigningFields,
} from "./artifact-signature";
import { createKeyring } from "./keyring";

const keyring = createKeyring({
  privateKeyPem: generateKeyPairSync("ed25519")
    .privateKey.export({ type: "pkcs8", format: "pem" })
    .toString(),
  keyId: "release-1",
});

const fields: ArtifactSigningFields = {
  product: "acme-agent",
  version: "1.4.2",
  platform: "linux",
  arch: "x64",
  size: 1048576,
  sha256: "ab".repeat(32),
};

describe("artifact signatures", () => {
  it("sign a message that names product, version, platform, size and hash", () => {
    expect(artifactSigningMessage(fields)).toBe(
      `tollgate-artifact-v1\nacme-agent\n1.4.2\nlinux/x64\n1048576\n${"ab".repeat(32)}`,
    );
  });

  it("cannot be replayed for any other artifact", () => {
    const signed = signArtifact(fields, keyring);
    expect(verifyArtifactSignature(fields, signed, keyring)).toBe(true);
    const others: ArtifactSigningFields[] = [
      { ...fields, product: "other" },
      { ...fields, version: "1.4.3" },
      { ...fields, platform: "darwin" },
      { ...fields, arch: "arm64" },
      { ...fields, size: fields.size + 1 },
      { ...fields, sha256: "cd".repeat(32) },
    ];
    for (const other of others) expect(verifyArtifactSignature(other, signed, keyring)).toBe(false);
  });

  it("refuses fields that could shift the message's lines", () => {
    expect(() => artifactSigningMessage({ ...fields, product: "a\nb" })).toThrow();
    expect(() => artifactSigningMessage({ ...fields, platform: "linux/x64" })).toThrow();
    expect(() => artifactSigningMessage({ ...fields, size: -1 })).toThrow();
  });
});
