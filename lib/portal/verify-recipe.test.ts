import { execFileSync } from "node:child_process";
import { createHash, generateKeyPairSync } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { signArtifact } from "@/lib/signing/artifact-signature";
import { createKeyring } from "@/lib/signing/keyring";
import { verifyRecipe, type RecipeInput } from "./verify-recipe";

const { privateKey, publicKey } = generateKeyPairSync("ed25519");
const keyring = createKeyring({
  keyId: "recipe-test",
  privateKeyPem: privateKey.export({ format: "pem", type: "pkcs8" }).toString(),
});

function artifact(contents: Buffer): RecipeInput {
  const fields = {
    product: "acme-server",
    version: "2.0.0",
    platform: "linux",
    arch: "x64",
    size: contents.length,
    sha256: createHash("sha256").update(contents).digest("hex"),
  };
  const signed = signArtifact(fields, keyring);
  return {
    ...fields,
    appUrl: "https://updates.example.com/",
    fileName: "acme-server-2.0.0-linux-x64.tar.gz",
    signature: signed.signature,
    signingKeyId: signed.keyId,
  };
}

// Runs the recipe in a directory holding the download, with the published key file in place of
// the curl line (the test has no server to fetch it from).
function run(input: RecipeInput, contents: Buffer): string {
  const dir = mkdtempSync(path.join(tmpdir(), "tollgate-recipe-"));
  writeFileSync(path.join(dir, input.fileName), contents);
  writeFileSync(
    path.join(dir, "tollgate-signing-key.pem"),
    publicKey.export({ format: "pem", type: "spki" }).toString(),
  );
  const script = verifyRecipe(input)
    .split("\n")
    .filter((line) => !line.startsWith("curl "))
    .join("\n");
  return execFileSync("sh", ["-e", "-c", script], { cwd: dir, encoding: "utf8" });
}

describe("the verification recipe", () => {
  it("checks the SHA-256 and verifies the signature with OpenSSL", () => {
    const contents = Buffer.from("the build\n".repeat(100));
    const input = artifact(contents);
    const out = run(input, contents);
    expect(out).toContain(input.sha256);
    expect(out).toContain("Signature Verified Successfully");
    expect(verifyRecipe(input)).toContain(
      "https://updates.example.com/.well-known/tollgate-signing-keys.json",
    );
  });

  it("fails for a signature made over anything else", () => {
    const contents = Buffer.from("the build\n");
    const other = artifact(Buffer.from("another build\n"));
    expect(() => run({ ...artifact(contents), signature: other.signature }, contents)).toThrow();
  });

  it("refuses values that could break out of the shell quoting", () => {
    const input = artifact(Buffer.from("x"));
    expect(() => verifyRecipe({ ...input, fileName: "a'; rm -rf ~; '" })).toThrow(TypeError);
    expect(() => verifyRecipe({ ...input, signingKeyId: 'k") | sh #' })).toThrow(TypeError);
  });
});
