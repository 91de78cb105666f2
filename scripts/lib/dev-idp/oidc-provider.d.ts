// oidc-provider ships no TypeScript types (and @types/oidc-provider lags the major version); this
// declares only the surface the dev identity provider uses, checked against oidc-provider 9.13.
declare module "oidc-provider" {
  import type { IncomingMessage, ServerResponse } from "node:http";

  export type AccountClaims = { sub: string; [claim: string]: unknown };
  export type Account = {
    accountId: string;
    claims: (use: string, scope: string) => AccountClaims | Promise<AccountClaims>;
  };

  export interface Grant {
    jti: string;
    accountId: string;
    clientId: string;
    addOIDCScope(scope: string): void;
    addOIDCClaims(claims: string[]): void;
    save(): Promise<string>;
  }

  export interface GrantConstructor {
    new (init: { accountId: string; clientId: string }): Grant;
    find(id: string): Promise<Grant | undefined>;
  }

  export interface Session {
    accountId?: string;
    grantIdFor(clientId: string): string | undefined;
    destroy(): Promise<void>;
  }

  export interface KoaContextWithOIDC {
    oidc: {
      provider: Provider;
      client?: { clientId: string };
      account?: { accountId: string };
      session: Session;
      result?: { consent?: { grantId?: string } };
      requestParamOIDCScopes: Set<string>;
      requestParamClaims: Set<string>;
    };
  }

  export interface InteractionDetails {
    uid: string;
    exp: number;
    returnTo: string;
    grantId?: string;
    prompt: { name: string; reasons: string[]; details: Record<string, unknown> };
    params: Record<string, unknown> & { client_id?: string; scope?: string; login_hint?: string };
    session?: { accountId: string; uid?: string; cookie?: string };
    save(ttl: number): Promise<string>;
  }

  export type InteractionResults =
    | { login: { accountId: string; amr?: string[]; acr?: string; remember?: boolean } }
    | { consent: { grantId: string } }
    | { error: string; error_description?: string };

  export type ClientMetadata = {
    client_id: string;
    client_secret: string;
    redirect_uris: string[];
    grant_types?: string[];
    response_types?: string[];
    token_endpoint_auth_method?: string;
  };

  export type Check = { reason: string };
  export interface Prompt {
    name: string;
    checks: Check[];
  }
  export interface Policy extends Array<Prompt> {
    get(name: string): Prompt | undefined;
  }

  export const interactionPolicy: {
    base(): Policy;
    Check: new (
      reason: string,
      description: string,
      check: (ctx: KoaContextWithOIDC) => boolean | Promise<boolean>,
    ) => Check;
  };

  export type Configuration = {
    clients: ClientMetadata[];
    jwks: { keys: Record<string, unknown>[] };
    cookies: { keys: string[] };
    claims: Record<string, string[]>;
    scopes?: string[];
    acrValues?: string[];
    conformIdTokenClaims?: boolean;
    pkce?: { required: () => boolean };
    responseTypes?: string[];
    features?: Record<string, { enabled: boolean }>;
    interactions?: {
      url: (ctx: KoaContextWithOIDC, interaction: InteractionDetails) => string | Promise<string>;
      policy?: Policy;
    };
    ttl?: Record<string, number>;
    findAccount: (ctx: KoaContextWithOIDC, sub: string) => Promise<Account | undefined>;
    loadExistingGrant?: (ctx: KoaContextWithOIDC) => Promise<Grant | undefined>;
    clientBasedCORS?: (ctx: KoaContextWithOIDC, origin: string) => boolean;
    renderError?: (
      ctx: { type: string; body: unknown },
      out: Record<string, string>,
      error: Error,
    ) => void | Promise<void>;
  };

  export class Provider {
    constructor(issuer: string, configuration: Configuration);
    proxy: boolean;
    readonly Grant: GrantConstructor;
    readonly Session: { find(id: string): Promise<Session | undefined> };
    callback(): (req: IncomingMessage, res: ServerResponse) => Promise<void>;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>;
    interactionFinished(
      req: IncomingMessage,
      res: ServerResponse,
      result: InteractionResults,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<void>;
    on(event: string, listener: (...args: unknown[]) => void): this;
  }

  export default Provider;
}
