// The signature check exactly as docs/audit.md gives it to receivers: the code block after the
// `webhook-verify-recipe` marker, loaded as a module. Tests verify real deliveries with it, so
// the documented recipe cannot drift from what the worker sends.
import { readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { randomBytes } from "node:crypto";

export type VerifySignature = (
  secret: string,
  header: string,
  rawBody: string,
  now?: number,
) => boolean;

export async function documentedRecipe(): Promise<VerifySignature> {
  const doc = readFileSync(path.resolve(import.meta.dirname, "../../docs/audit.md"), "utf8");
  const code = /<!-- webhook-verify-recipe -->\s*```js\n([\s\S]*?)```/.exec(doc)?.[1];
  if (!code) throw new Error("docs/audit.md has no webhook verification recipe");
  const file = path.join(tmpdir(), `tollgate-recipe-${randomBytes(6).toString("hex")}.mjs`);
  writeFileSync(file, code);
  const mod = (await import(pathToFileURL(file).href)) as {
    verifyTollgateSignature: VerifySignature;
  };
  return mod.verifyTollgateSignature;
}
