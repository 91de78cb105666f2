import { expect, test } from "@playwright/test";

test.describe("foundation", () => {
  test("health and readiness answer", async ({ request }) => {
    const health = await request.get("/api/health");
    expect(health.status()).toBe(200);
    expect(await health.json()).toEqual({ status: "ok" });
    const ready = await request.get("/api/ready");
    expect(ready.status()).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: "ready",
      checks: { database: "up", redis: "up" },
    });
  });

  test("unknown API routes answer problem+json 404", async ({ request }) => {
    const res = await request.post("/api/does-not-exist", { data: { a: 1 } });
    expect(res.status()).toBe(404);
    expect(res.headers()["content-type"]).toBe("application/problem+json");
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: 404, code: "not_found" });
    expect(typeof body.requestId).toBe("string");
  });

  test("every response carries the security headers; pages get a nonce-based CSP", async ({
    page,
    request,
  }) => {
    const api = await request.get("/api/health");
    expect(api.headers()["x-content-type-options"]).toBe("nosniff");
    expect(api.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");

    const response = await page.goto("/");
    expect(response).not.toBeNull();
    const headers = response?.headers() ?? {};
    const csp = headers["content-security-policy"] ?? "";
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce, csp).toBeTruthy();
    expect(csp).toContain("frame-ancestors 'none'");
    expect(headers["referrer-policy"]).toBe("no-referrer");
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["strict-transport-security"]).toContain("max-age=");
    // Next.js's own scripts carry this response's nonce, so the page hydrates under the policy.
    const scriptNonces = await page
      .locator("script[nonce]")
      .evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).nonce));
    expect(scriptNonces.length).toBeGreaterThan(0);
    await expect(page.getByRole("heading", { name: "Tollgate" })).toBeVisible();

    const second = await request.get("/");
    expect(second.headers()["content-security-policy"]).not.toContain(nonce ?? "absent");
  });

  test("the staff portal is closed to anonymous visitors", async ({ page }) => {
    await page.goto("/admin");
    await expect(page).toHaveURL(/\/signin/);
  });
});
