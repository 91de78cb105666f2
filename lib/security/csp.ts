// The Content-Security-Policy for pages: scripts only with this response's nonce (Next.js reads
// the nonce from the request's CSP header and puts it on its own scripts), no framing, no plugins.
export function pageCsp(nonce: string, options: { dev: boolean; formActions: string[] }): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    // In development Next.js injects <style> elements without the nonce (hot reload, its dev
    // overlay): a nonce beside 'unsafe-inline' would switch 'unsafe-inline' off, so dev drops it.
    options.dev ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}'`,
    // React style props (progress bars, charts) are attributes, not stylesheets.
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${options.dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    // Sign-in forms post to next-auth, which redirects to the identity provider.
    `form-action 'self' ${options.formActions.join(" ")}`.trim(),
    "frame-ancestors 'none'",
  ];
  if (!options.dev) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

export const API_CSP = "default-src 'none'; frame-ancestors 'none'";
