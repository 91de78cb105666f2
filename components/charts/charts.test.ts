// The kit's promises that hold without a browser: series differ by more than colour, and every
// chart carries its numbers as a table named like the chart, with no <style> element (CSP).
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { BarChart, TimeSeriesChart } from "./index";
import { seriesStyle, svgId } from "./series-style";

describe("chart kit", () => {
  it("tells the first four series apart by dash, marker and pattern, not only colour", () => {
    const styles = [0, 1, 2, 3].map(seriesStyle);
    for (const channel of ["color", "dash", "marker", "pattern"] as const) {
      expect(new Set(styles.map((s) => s[channel])).size).toBe(4);
    }
  });

  it("renders the data as a table named like the chart, beside a drawing hidden from screen readers", () => {
    const html = renderToStaticMarkup(
      createElement(TimeSeriesChart, {
        title: "Sign-ins per day",
        data: [
          { day: "12-01", signIns: 7, failures: 2 },
          { day: "12-02", signIns: 11, failures: 5 },
        ],
        x: "day",
        xLabel: "Day",
        series: [
          { key: "signIns", label: "Sign-ins" },
          { key: "failures", label: "Failures" },
        ],
        link: { href: "/admin/audit", label: "Trail" },
      }),
    );
    expect(html).toContain('<figure class="');
    expect(html).toContain('aria-label="Sign-ins per day"');
    expect(html).toContain('<caption class="sr-only">Sign-ins per day</caption>');
    expect(html).toMatch(/<th scope="col"[^>]*>Failures<\/th>/);
    expect(html).toMatch(/<th scope="row"[^>]*>12-02<\/th><td[^>]*>11<\/td><td[^>]*>5<\/td>/);
    expect(html).toContain('aria-hidden="true"');
    expect(html).toContain('href="/admin/audit"');
    expect(html).not.toContain("<style");
    expect(html).not.toContain("<script");
  });

  it("shows the empty text instead of a chart without rows", () => {
    const html = renderToStaticMarkup(
      createElement(BarChart, {
        title: "Versions",
        data: [],
        x: "version",
        xLabel: "Version",
        series: [{ key: "machines", label: "Machines" }],
        empty: "No machine yet.",
      }),
    );
    expect(html).toContain("No machine yet.");
    expect(html).not.toContain("<table");
  });

  it("makes pattern ids safe inside url(#…)", () => {
    expect(svgId("«r1:»", "0")).toMatch(/^chart-[A-Za-z0-9_-]+-0$/);
  });
});
