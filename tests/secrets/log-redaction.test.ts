// Secrets never reach the logs: the pino root logger redacts credential fields and scrubs
// secret-shaped text, whatever a caller hands it.
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { generateLicenseKey } from "@/lib/licensing/license-key";
import { createLogger, requestLogger } from "@/lib/log";

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...String(chunk).split("\n").filter(Boolean));
      done();
    },
  });
  const logger = createLogger(destination);
  // Tests run with the logger silenced; these tests need every level written.
  logger.level = "trace";
  return { logger, lines };
}

const licenseKey = generateLicenseKey();
const clientSecret = "tgs_9xK2mQ7vL4pR8sT1wZ6yB3nC5dF0gH";
const dbPassword = "s3cret-Db-Pa55word";
const dbUrl = `postgresql://tollgate_app:${dbPassword}@db.internal:5432/tollgate?sslmode=verify-full`;
const bearer = "eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJjbGlfMSJ9.c2lnbmF0dXJl";
const SECRETS = [licenseKey, clientSecret, dbPassword, bearer];

function expectClean(lines: string[], expectedLines: number) {
  expect(lines).toHaveLength(expectedLines);
  const output = lines.join("\n");
  for (const secret of SECRETS) expect(output).not.toContain(secret);
  expect(output).toContain("[Redacted]");
}

describe("logs never contain secrets", () => {
  it("redacts credential fields in log objects, top level and one level down", () => {
    const { logger, lines } = capture();
    logger.info({ licenseKey }, "license created");
    logger.info({ input: { licenseKey } }, "input");
    logger.info({ clientSecret, client_secret: clientSecret }, "client");
    logger.info({ body: { client_secret: clientSecret } }, "token request");
    logger.info({ databaseUrl: dbUrl }, "connecting");
    logger.info({ password: dbPassword, token: bearer, secret: clientSecret }, "misc");
    expectClean(lines, 6);
    expect(JSON.parse(lines[0] ?? "{}")).toMatchObject({
      licenseKey: "[Redacted]",
      msg: "license created",
    });
  });

  it("redacts Authorization headers however the request is logged", () => {
    const { logger, lines } = capture();
    logger.info(
      { headers: { authorization: `Bearer ${bearer}`, cookie: "session=abc" } },
      "headers",
    );
    logger.info({ req: { headers: { authorization: `Bearer ${bearer}` } } }, "request");
    logger.info({ authorization: `Bearer ${bearer}` }, "top level");
    expectClean(lines, 3);
    expect(lines.join("\n")).not.toContain("session=abc");
  });

  it("scrubs secrets out of messages and format arguments", () => {
    const { logger, lines } = capture();
    logger.warn(`agent presented ${licenseKey}`);
    logger.warn(`client ${clientSecret} refused`);
    logger.warn(`cannot connect to ${dbUrl}`);
    logger.warn(`got header Authorization: Bearer ${bearer}`);
    logger.warn("key %s from %s", licenseKey, dbUrl);
    expectClean(lines, 5);
    // The non-secret context survives, so the logs stay useful.
    expect(lines.join("\n")).toContain("postgresql://tollgate_app:[Redacted]db.internal");
  });

  it("scrubs secrets from error messages and stacks", () => {
    const { logger, lines } = capture();
    const error = new Error(`connect to ${dbUrl} with key ${licenseKey} failed`);
    logger.error({ err: error }, "database unavailable");
    expectClean(lines, 1);
    const entry = JSON.parse(lines[0] ?? "{}") as { err: { message: string; stack: string } };
    expect(entry.err.message).toContain("[Redacted]");
    expect(entry.err.stack).toContain("[Redacted]");
  });

  it("redacts through child loggers (per-request loggers) and their bindings", () => {
    const { logger, lines } = capture();
    const child = requestLogger(
      { requestId: "req-1", ip: "10.0.0.1", userAgent: "agent/1.0" },
      logger,
    );
    child.info(
      { licenseKey, headers: { authorization: `Bearer ${bearer}` } },
      `check-in ${licenseKey}`,
    );
    logger.child({ licenseKey }).info("bound");
    expectClean(lines, 2);
    expect(JSON.parse(lines[0] ?? "{}")).toMatchObject({ requestId: "req-1", ip: "10.0.0.1" });
  });
});

describe("logs never contain secrets, however deep or however passed", () => {
  it("an Error logged on its own, nested fields, secrets inside strings, and unusual key spellings", () => {
    const { logger, lines } = capture();
    logger.error(new Error(`connect failed for ${dbUrl}`));
    logger.info({ a: { b: { c: { licenseKey } } } }, "deep");
    logger.info({ note: `customer pasted ${licenseKey} and ${clientSecret}` }, "note");
    logger.info(
      { headers: { Authorization: `Bearer ${bearer}` }, DATABASE_URL: dbUrl },
      "spelling",
    );
    expectClean(lines, 4);
  });
});
