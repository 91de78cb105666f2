// Token endpoint errors in the shape RFC 6749 §5.2 prescribes ({ error, error_description }),
// not problem+json: OAuth2 client libraries parse exactly this shape, and the error codes are
// part of the protocol. Every other API route answers problem+json.
export type OAuthErrorCode =
  "invalid_request" | "invalid_client" | "unsupported_grant_type" | "invalid_scope";

const STATUS: Record<OAuthErrorCode, number> = {
  invalid_request: 400,
  invalid_client: 401,
  unsupported_grant_type: 400,
  invalid_scope: 400,
};

export class OAuthError extends Error {
  readonly status: number;
  constructor(
    readonly error: OAuthErrorCode,
    // Sent to the client: never says whether a client id exists.
    readonly description: string,
    readonly options: {
      // For the audit trail only (e.g. "unknown client" vs "wrong secret").
      reason?: string;
      // A transport-level status instead of the code's (413, 415).
      status?: number;
    } = {},
  ) {
    super(description);
    this.name = "OAuthError";
    this.status = options.status ?? STATUS[error];
  }

  get reason(): string {
    return this.options.reason ?? this.description;
  }
}

export const TOKEN_RESPONSE_HEADERS = {
  "content-type": "application/json;charset=UTF-8",
  "cache-control": "no-store",
  pragma: "no-cache",
} as const;

export function oauthErrorResponse(
  error: OAuthError,
  headers: Record<string, string> = {},
): Response {
  return new Response(
    JSON.stringify({ error: error.error, error_description: error.description }),
    {
      status: error.status,
      headers: {
        ...TOKEN_RESPONSE_HEADERS,
        // RFC 6749 §5.2 asks for the challenge after HTTP Basic; HTTP (RFC 9110 §15.5.2) asks for one
        // on every 401, so every invalid_client carries it.
        ...(error.status === 401 ? { "www-authenticate": 'Basic realm="tollgate"' } : {}),
        ...headers,
      },
    },
  );
}
