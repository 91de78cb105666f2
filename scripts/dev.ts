// `npm run dev`: Tollgate with demo data on the embedded default (see scripts/lib/local-stack.ts).
import path from "node:path";
import { DEMO_PASSWORD, DEMO_USERS } from "./lib/demo-users";
import { startStack } from "./lib/local-stack";
import { root } from "./lib/schema-engine";

const appPort = Number(process.env.PORT || 3000);

async function main() {
  const stack = await startStack({
    dataRoot: path.join(root, ".data"),
    database: "tollgate",
    pgPort: Number(process.env.EMBEDDED_PG_PORT || 54320),
    appPort,
    idpPort: Number(process.env.DEV_IDP_PORT || 3001),
    mode: "development",
    log: (line) => console.log(line),
  });
  const users = DEMO_USERS.map((u) => `    ${u.email.padEnd(24)} ${u.description}`).join("\n");
  console.log(`
  Tollgate is running.

    Staff portal     http://localhost:${appPort}/admin
    Customer portal  http://localhost:${appPort}/portal
    API reference    http://localhost:${appPort}/api/docs

  Sign in through the dev identity provider (${stack.env.OIDC_ISSUER}) with password "${DEMO_PASSWORD}":
${users}
  Staff then enroll a security key or passkey (WebAuthn) on first sign-in.

  Demo API clients: demo-agent / demo-agent-secret (update agent of Globex),
                    demo-pipeline / demo-pipeline-secret (build pipeline).
  ${stack.env.REDIS_URL ? "" : "REDIS_URL is not set: rate limits use an in-process store.\n  "}Press Ctrl-C to stop.
`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    console.log("\nStopping Tollgate…");
    void stack.stop().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  for (const child of stack.children)
    child.on(
      "exit",
      (code) => !stopping && (console.error(`A child process exited (${code}); stopping.`), stop()),
    );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
