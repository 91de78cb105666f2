// Parsers for the seed threat model (text exported from a threat-modelling tool) and for
// docs/threat-model.md, used by tests/docs/threat-model.test.ts.
//
// docs/threat-model.md, per threat (one block each, so additions merge cleanly):
//   ### <element> — <threat title as in the seed>
//   - Category: <STRIDE category>
//   - Mitigation: …
//   - Implemented in: `path`, `path`
//   - Proven by: `tests/x.test.ts::test title`, `e2e/y.spec.ts`
//   - Operational: … (what the deployment does, when a test cannot prove it)
// and the elements as bullets under "## Elements": - **<element>** (<type>): …

export interface SeedThreat {
  element: string;
  title: string;
  category: string;
}

const ELEMENT = /^(.+?) \((Process|Data Store|External Actor|Data Flow)\)$/;
const CATEGORY =
  /^(Spoofing|Tampering|Repudiation|Information disclosure|Denial of service|Elevation of privilege), \w+, \w+ Severity$/;

export function parseSeed(text: string) {
  const lines = text.split("\n").map((l) => l.trim());
  const elements: { name: string; type: string }[] = [];
  const threats: SeedThreat[] = [];
  let current = "";
  lines.forEach((line, i) => {
    const element = ELEMENT.exec(line);
    if (element) {
      current = element[1] ?? "";
      elements.push({ name: current, type: element[2] ?? "" });
      return;
    }
    const category = CATEGORY.exec(line);
    if (category) {
      const title = lines.slice(0, i).reverse().find(Boolean) ?? "";
      threats.push({ element: current, title, category: category[1] ?? "" });
    }
  });
  return { elements, threats };
}

// The seed's text export breaks some names ("Vendor_Product_Update _Storage", "A p p"):
// names compare without spaces, underscores and case.
export function sameName(a: string, b: string): boolean {
  const norm = (s: string) => s.toLowerCase().replace(/[\s_.]+/g, "");
  return norm(a) === norm(b);
}

export interface DocThreat {
  element: string;
  title: string;
  category: string;
  fields: Partial<Record<"mitigation" | "implemented" | "proven" | "operational", string>>;
}

const FIELD: Record<string, keyof DocThreat["fields"]> = {
  mitigation: "mitigation",
  "implemented in": "implemented",
  "proven by": "proven",
  operational: "operational",
};

export function parseThreatDoc(text: string) {
  const elements: string[] = [];
  const threats: DocThreat[] = [];
  let section = "";
  let threat: DocThreat | null = null;
  let field: keyof DocThreat["fields"] | null = null;
  for (const line of text.split("\n")) {
    if (line.startsWith("## ")) {
      section = line.slice(3).trim().toLowerCase();
      threat = null;
      continue;
    }
    const heading = /^### (.+?) — (.+)$/.exec(line);
    if (heading) {
      threat = { element: heading[1] ?? "", title: heading[2] ?? "", category: "", fields: {} };
      threats.push(threat);
      field = null;
      continue;
    }
    const bullet = /^- \*\*(.+?)\*\*/.exec(line);
    if (section === "elements" && bullet) elements.push(bullet[1] ?? "");
    const item = /^- ([A-Za-z ]+): ?(.*)$/.exec(line);
    if (threat && item) {
      const name = (item[1] ?? "").toLowerCase();
      if (name === "category") threat.category = (item[2] ?? "").trim();
      field = FIELD[name] ?? null;
      if (field) threat.fields[field] = item[2] ?? "";
    } else if (threat && field && /^\s+\S/.test(line)) {
      threat.fields[field] += ` ${line.trim()}`;
    }
  }
  return { elements, threats };
}

// Backticked repository paths (with an optional ::test title); other code spans are ignored.
export function references(text: string): string[] {
  return [...text.matchAll(/`([^`\s][^`]*)`/g)]
    .map((m) => m[1] ?? "")
    .filter((ref) =>
      /^(app|lib|tests|e2e|scripts|deploy|docs|agent|prisma|components)\/[^\s]*(\.\w+|\/\*)(::.+)?$|^(Dockerfile|compose\.yaml|proxy\.ts|server\.mjs|instrumentation\.ts|next\.config\.js)(::.+)?$/.test(
        ref,
      ),
    );
}
