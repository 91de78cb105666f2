import pg from "pg";
import { describe, expect, it } from "vitest";
import { iamPasswordProvider, type TokenSigner } from "./iam-auth";
import { pgPoolConfig } from "./pg-config";

// A signer stand-in: no AWS, no network. Each call mints a new token, as RDS tokens expire.
function stubSigner(tokens: () => string) {
  const made: { hostname: string; port: number; username: string; region?: string }[] = [];
  let calls = 0;
  const factory = (opts: (typeof made)[number]): TokenSigner => {
    made.push(opts);
    return {
      getAuthToken: async () => {
        calls += 1;
        return tokens();
      },
    };
  };
  return { factory, made, calls: () => calls };
}

describe("iamPasswordProvider", () => {
  it("configures the signer from the database URL, not from a password in it", () => {
    const stub = stubSigner(() => "t");
    iamPasswordProvider(
      "postgresql://app%2Buser@db.abc.eu-west-1.rds.amazonaws.com:6543/tollgate?sslmode=verify-full",
      "eu-west-1",
      stub.factory,
    );
    expect(stub.made).toEqual([
      {
        hostname: "db.abc.eu-west-1.rds.amazonaws.com",
        port: 6543,
        username: "app+user",
        region: "eu-west-1",
      },
    ]);
    iamPasswordProvider("postgresql://app@db.internal/tollgate", undefined, stub.factory);
    expect(stub.made[1]).toMatchObject({ port: 5432, region: undefined });
  });

  it("returns a fresh token on every call", async () => {
    let n = 0;
    const stub = stubSigner(() => `token-${(n += 1)}`);
    const password = iamPasswordProvider(
      "postgresql://app@db.internal/tollgate",
      "us-east-1",
      stub.factory,
    );
    expect(await password()).toBe("token-1");
    expect(await password()).toBe("token-2");
    expect(stub.calls()).toBe(2);
  });

  it("is what the pool calls for the password of each new connection", async () => {
    const url = new URL(process.env.DATABASE_URL ?? "");
    // The stub hands out the real password, so connecting proves the pool used it.
    const realPassword = decodeURIComponent(url.password);
    url.password = "";
    const stub = stubSigner(() => realPassword);
    const password = iamPasswordProvider(url.toString(), "local", stub.factory);
    const config = pgPoolConfig(url.toString(), { password, max: 2 });
    expect(config.password).toBe(password);
    const pool = new pg.Pool(config);
    try {
      const a = await pool.connect();
      const b = await pool.connect();
      const { rows } = await a.query<{ user: string }>(`SELECT current_user AS "user"`);
      expect(rows[0]?.user).toBe(decodeURIComponent(url.username));
      a.release();
      b.release();
      expect(stub.calls()).toBe(2);
    } finally {
      await pool.end();
    }
  });

  it("fails to connect when the signer's token is refused (no fallback password)", async () => {
    const url = new URL(process.env.DATABASE_URL ?? "");
    url.password = "";
    const stub = stubSigner(() => "expired-token");
    const pool = new pg.Pool(
      pgPoolConfig(url.toString(), {
        password: iamPasswordProvider(url.toString(), "local", stub.factory),
        max: 1,
      }),
    );
    try {
      await expect(pool.query("SELECT 1")).rejects.toThrow(/password authentication failed/);
      expect(stub.calls()).toBe(1);
    } finally {
      await pool.end();
    }
  });
});
