// Short-lived IAM authentication tokens (AWS RDS) as the pool's password: pg calls this for
// every new connection, so no long-lived database password exists anywhere.
import { Signer } from "@aws-sdk/rds-signer";

export interface TokenSigner {
  getAuthToken(): Promise<string>;
}

export function iamPasswordProvider(
  databaseUrl: string,
  region: string | undefined,
  makeSigner: (opts: {
    hostname: string;
    port: number;
    username: string;
    region?: string;
  }) => TokenSigner = (opts) => new Signer(opts),
): () => Promise<string> {
  const url = new URL(databaseUrl);
  const signer = makeSigner({
    hostname: url.hostname,
    port: url.port ? Number(url.port) : 5432,
    username: decodeURIComponent(url.username),
    region,
  });
  return () => signer.getAuthToken();
}
