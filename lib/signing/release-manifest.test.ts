import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { canonicalJson } from "./canonical-json";
import { createKeyring } from "./keyring";
import {
  buildReleaseManifest,
  releaseManifestBytes,
  signReleaseManifest,
  verifyReleaseManifest,
} from "./release-manifest";

const keyring = createKeyring({
  privateKeyPem: generateKeyPairSync("ed25519")
    .privateKey.export({ type: "pkcs8", format: "pem" })
    .toString(),
  keyId: "release-1",
});

const linux = {
  platform: "linux",
  arch: "x64",
  fileName: "a.tar.gz",
  size: 10,
  sha256: "aa".repeat(32),
};
const mac = {
  platform: "darwin",
  arch: "arm64",
  fileName: "a.zip",
  size: 20,
  sha256: "bb".repeat(32),
};

describe("canonical JSON", () => {
  it("sorts keys at every level and drops undefined members", () => {
    expect(canonicalJson({ b: 1, a: { d: [true, null], c: "x" }, u: undefined })).toBe(
      '{"a":{"c":"x","d":[true,null]},"b":1}',
    );
  });

  it("refuses values without one canonical form", () => {
    expect(() => canonicalJson(Number.NaN)).toThrow();
    expect(() => canonicalJson(new Date() as unknown as string)).toThrow();
  });
});

describe("release manifests", () => {
  it("are the same bytes whatever order the artifacts come in", () => {
    const one = buildReleaseManifest({
      product: "p",
      version: "1.0.0",
      channel: "stable",
      artifacts: [linux, mac],
    });
    const two = buildReleaseManifest({
      product: "p",
      version: "1.0.0",
      channel: "stable",
      artifacts: [mac, linux],
    });
    expect(releaseManifestBytes(one)).toBe(releaseManifestBytes(two));
    expect(releaseManifestBytes(one)).toBe(
      '{"artifacts":[{"arch":"arm64","fileName":"a.zip","platform":"darwin","sha256":"' +
        "bb".repeat(32) +
        '","size":20},{"arch":"x64","fileName":"a.tar.gz","platform":"linux","sha256":"' +
        "aa".repeat(32) +
        '","size":10}],"channel":"stable","format":"tollgate-release-manifest-v1","product":"p","version":"1.0.0"}',
    );
  });

  it("verify only while product, version, channel and every artifact are unchanged", () => {
    const manifest = buildReleaseManifest({
      product: "p",
      version: "1.0.0",
      channel: "stable",
      artifacts: [linux, mac],
    });
    const signed = signReleaseManifest(manifest, keyring);
    expect(verifyReleaseManifest(manifest, signed, keyring)).toBe(true);
    expect(verifyReleaseManifest({ ...manifest, channel: "beta" }, signed, keyring)).toBe(false);
    expect(verifyReleaseManifest({ ...manifest, version: "1.0.1" }, signed, keyring)).toBe(false);
    expect(
      verifyReleaseManifest(
        { ...manifest, artifacts: [manifest.artifacts[0] ?? linux] },
        signed,
        keyring,
      ),
    ).toBe(false);
    const tampered = manifest.artifacts.map((a) =>
      a.platform === "linux" ? { ...a, size: 11 } : a,
    );
    expect(verifyReleaseManifest({ ...manifest, artifacts: tampered }, signed, keyring)).toBe(
      false,
    );
  });
});
