// The local development OIDC identity provider (`npm run dev` starts it unless OIDC_ISSUER points
// at a real one). Configured from the environment; see scripts/lib/dev-idp/create-dev-idp.ts.
import { DEMO_PASSWORD } from "./lib/demo-users";
import { createDevIdp } from "./lib/dev-idp/create-dev-idp";
import type { DevIdpClient } from "./lib/dev-idp/provider-config";

function clientsFromEnv(appUrl: string): DevIdpClient[] {
  const clientSecret = process.env.OIDC_CLIENT_SECRET;
  if (!clientSecret)
    throw new Error("OIDC_CLIENT_SECRET is required for the dev identity provider.");
  const clientId = process.env.OIDC_CLIENT_ID || "tollgate-portal";
  const staff = `${appUrl}/api/auth/callback/staff-oidc`;
  const customer = `${appUrl}/api/auth/callback/customer-oidc`;
  const customerId = process.env.CUSTOMER_OIDC_CLIENT_ID;
  // A separate customer client only when one is configured; otherwise one client serves both.
  if (!customerId || customerId === clientId) {
    return [{ clientId, clientSecret, redirectUris: [staff, customer] }];
  }
  return [
    { clientId, clientSecret, redirectUris: [staff] },
    {
      clientId: customerId,
      clientSecret: process.env.CUSTOMER_OIDC_CLIENT_SECRET || clientSecret,
      redirectUris: [customer],
    },
  ];
}

async function main() {
  const port = Number(process.env.DEV_IDP_PORT || 3001);
  const appUrl = (process.env.APP_URL || "http://localhost:3000").replace(/\/+$/, "");
  const issuer = `http://localhost:${port}`;
  const idp = createDevIdp({ issuer, port, clients: clientsFromEnv(appUrl) });
  await idp.listen();
  console.log(`dev-idp: listening on ${issuer} (demo password "${DEMO_PASSWORD}")`);

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    idp.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error("dev-idp: failed to stop cleanly", error);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(`dev-idp: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
