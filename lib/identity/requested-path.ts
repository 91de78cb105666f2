// Where to send someone after sign-in or MFA: a path on this site only (no scheme, no host, no
// protocol-relative "//evil"), so a crafted link cannot turn the portal into an open redirect.
export function safeNextPath(value: string | null | undefined, fallback: string): string {
  if (!value || value.length > 2000) return fallback;
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  if (/[\u0000-\u001f]/.test(value)) return fallback;
  return value;
}

// proxy.ts records the path of the page being rendered in this header (server components are
// not told their URL); anything a client sends under that name is overwritten there.
export const PATH_HEADER = "x-tollgate-path";

export function requestedPath(headers: Headers, fallback: string): string {
  return safeNextPath(headers.get(PATH_HEADER), fallback);
}

export type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export function firstParam(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
