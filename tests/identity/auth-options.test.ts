// next-auth's configuration: OIDC only (code flow, PKCE, state, nonce), database sessions, and
// hardened cookies. And no credentials (password) provider anywhere in the code base.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildAuthOptions } from "@/lib/identity/next-auth/auth-options";
import { newSignInAttempt } from "@/lib/identity/next-auth/sign-in-attempt";
import { withEnv } from "./env-override";
import { ctxFor } from "./factories";

const options = () =>
  buildAuthOptions(
    newSignInAttempt({
      ctx: ctxFor(),
      action: "providers",
      providerId: null,
      previousSessionToken: null,
    }),
  );

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.name === "generated" || entry.name === "node_modules") return [];
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx|mjs|js)$/.test(entry.name) ? [full] : [];
  });
}

// Editors and other tools may remove a file between listing and reading it.
function readIfPresent(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "";
  }
}

describe("next-auth options", () => {
  it("offers exactly the two OIDC providers, with PKCE, state and nonce and the ID token as profile", () => {
    const providers = options().providers;
    expect(providers.map((p) => p.id)).toEqual(["staff-oidc", "customer-oidc"]);
    for (const provider of providers) {
      expect(provider.type).toBe("oauth");
      expect(provider.options ?? provider).toMatchObject({
        checks: ["pkce", "state", "nonce"],
        idToken: true,
      });
    }
  });

  it("uses database sessions with the configured absolute lifetime, never slid forward", () => {
    const { session } = options();
    expect(session).toMatchObject({
      strategy: "database",
      maxAge: 12 * 3600,
      updateAge: 12 * 3600,
    });
  });

  it("sets HttpOnly SameSite=Lax cookies, Secure with the __Host- prefix over https", async () => {
    expect(options().cookies?.sessionToken).toEqual({
      name: "tollgate.session",
      options: { httpOnly: true, sameSite: "lax", path: "/", secure: false },
    });
    await withEnv({ APP_URL: "https://tollgate.example" }, async () => {
      const secure = options();
      expect(secure.useSecureCookies).toBe(true);
      expect(secure.cookies?.sessionToken).toEqual({
        name: "__Host-tollgate.session",
        options: { httpOnly: true, sameSite: "lax", path: "/", secure: true },
      });
    });
  });

  it("no credentials (password) provider exists anywhere in the application", () => {
    const root = path.resolve(import.meta.dirname, "../..");
    const offenders = ["app", "lib", "components", "scripts"]
      .flatMap((dir) => sourceFiles(path.join(root, dir)))
      .filter((file) =>
        /next-auth\/providers\/credentials|CredentialsProvider|type:\s*["']credentials["']/.test(
          readIfPresent(file),
        ),
      );
    expect(offenders).toEqual([]);
  });
});
