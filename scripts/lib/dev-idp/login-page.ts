// The dev IdP's login form. Plain server-rendered HTML, no script: field names and the button text
// are what the end-to-end tests drive, so keep them stable.
import { DEMO_PASSWORD, DEMO_USERS } from "../demo-users";
import { DEFAULT_MFA, MFA_OPTIONS } from "./mfa-options";

export type LoginPageInput = {
  uid: string;
  clientId: string;
  email?: string;
  mfa?: string;
  error?: string;
};

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const STYLE = `body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1f2937}
label{display:block;margin:.75rem 0 .25rem;font-weight:600}input,select{width:100%;padding:.5rem;box-sizing:border-box}
button{margin-top:1rem;padding:.5rem 1.25rem}.error{background:#fee2e2;color:#991b1b;padding:.5rem .75rem;border-radius:4px}
table{border-collapse:collapse;margin-top:.5rem}td{padding:.2rem .75rem .2rem 0}code{background:#f3f4f6;padding:0 .25rem}`;

export function renderLoginPage(input: LoginPageInput): string {
  const action = `/interaction/${encodeURIComponent(input.uid)}`;
  const selected = input.mfa || DEFAULT_MFA;
  const options = MFA_OPTIONS.map(
    (o) =>
      `<option value="${o.value}"${o.value === selected ? " selected" : ""}>${escapeHtml(o.label)}</option>`,
  ).join("");
  const accounts = DEMO_USERS.map(
    (u) =>
      `<tr><td><code>${escapeHtml(u.email)}</code></td><td>${escapeHtml(u.description)}</td></tr>`,
  ).join("");
  const error = input.error ? `<p class="error" role="alert">${escapeHtml(input.error)}</p>` : "";
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in · Tollgate dev identity provider</title><style>${STYLE}</style></head>
<body><main>
<h1>Tollgate dev identity provider</h1>
<p>Signing in to <code>${escapeHtml(input.clientId)}</code>. Development only: never expose this server.</p>
${error}
<form method="post" action="${action}/login">
<label for="email">Email</label>
<input id="email" name="email" type="email" autocomplete="username" required value="${escapeHtml(input.email ?? "")}">
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<label for="mfa">Second factor the IdP reports (amr)</label>
<select id="mfa" name="mfa">${options}</select>
<button type="submit">Sign in</button>
</form>
<form method="post" action="${action}/abort"><button type="submit">Cancel</button></form>
<h2>Demo accounts</h2>
<p>Password for every account: <code>${escapeHtml(DEMO_PASSWORD)}</code></p>
<table>${accounts}</table>
</main></body></html>`;
}

export function renderErrorPage(message: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Error · Tollgate dev identity provider</title><style>${STYLE}</style></head>
<body><main><h1>Tollgate dev identity provider</h1><p class="error" role="alert">${escapeHtml(message)}</p>
<p>Start the sign-in again from the application.</p></main></body></html>`;
}
