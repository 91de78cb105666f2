// Client authentication at the token endpoint: the client must exist, be active, and present one
// of its live secrets (a rotation leaves the previous one live until its expiry). Every path
// costs one keyed hash at least, so response times do not tell which client ids exist.
import { db } from "@/lib/db/client";
import { isSecretLive } from "./api-client-view";
import { dummySecretHash, needsRehash, verifyClientSecret } from "./client-secret";
import { rehashClientSecret } from "./rehash-client-secret";
import { scopedClientSelect } from "./client-scopes";

const authenticationSelect = {
  ...scopedClientSelect,
  clientId: true,
  customerId: true,
  licenseId: true,
  secrets: {
    where: { revokedAt: null },
    select: { id: true, secretHash: true, expiresAt: true, revokedAt: true },
  },
} as const;

async function loadClient(clientId: string) {
  return db().apiClient.findUnique({ where: { clientId }, select: authenticationSelect });
}

export type AuthenticatedClient = NonNullable<Awaited<ReturnType<typeof loadClient>>>;

export type ClientAuthentication =
  | { ok: true; client: AuthenticatedClient; secretId: string }
  | { ok: false; reason: string; apiClientId: string | null };

export async function authenticateClient(
  credentials: { clientId: string; clientSecret: string },
  now: Date = new Date(),
): Promise<ClientAuthentication> {
  const client = await loadClient(credentials.clientId);
  const refuse = async (reason: string): Promise<ClientAuthentication> => {
    await verifyClientSecret(credentials.clientSecret, await dummySecretHash());
    return { ok: false, reason, apiClientId: client?.id ?? null };
  };
  if (!client) return refuse("unknown client");
  if (client.status !== "ACTIVE") return refuse("client revoked");
  const live = client.secrets.filter((s) => isSecretLive(s, now));
  if (live.length === 0) return refuse("no live secret");
  // Every live secret is tried (at most a few during a rotation) so timing does not say which matched.
  let matched: string | null = null;
  for (const secret of live) {
    if ((await verifyClientSecret(credentials.clientSecret, secret.secretHash)) && matched === null)
      matched = secret.id;
  }
  if (matched === null) return { ok: false, reason: "wrong secret", apiClientId: client.id };
  const used = live.find((s) => s.id === matched);
  if (used && needsRehash(used.secretHash))
    await rehashClientSecret(used.id, used.secretHash, credentials.clientSecret);
  return { ok: true, client, secretId: matched };
}
