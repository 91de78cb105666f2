// docs/threat-model.md cannot rot: every element and threat of the seed threat model
// (../shared/seed-threat-model.txt beside the repository) has its entry, every threat has a
// mitigation, the files that implement it and the tests that prove it (or says plainly that it is
// operational), and every file and test the document names still exists.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseSeed, parseThreatDoc, references, sameName } from "./threat-model-doc";

const root = path.resolve(import.meta.dirname, "../..");
const seedFile = path.resolve(root, "../shared/seed-threat-model.txt");
const docFile = path.join(root, "docs/threat-model.md");

const seed = parseSeed(readFileSync(seedFile, "utf8"));
const doc = parseThreatDoc(readFileSync(docFile, "utf8"));

// `dir/*` names every file of a directory; `file::title` a test (describe/it/test title) in it.
function exists(ref: string): boolean {
  const [file = "", title] = ref.split("::");
  if (file.endsWith("/*")) {
    const dir = path.join(root, file.slice(0, -2));
    return existsSync(dir) && readdirSync(dir).length > 0;
  }
  const full = path.join(root, file);
  if (!existsSync(full)) return false;
  if (title === undefined) return true;
  const source = readFileSync(full, "utf8");
  return [`"${title}"`, `'${title}'`, `\`${title}\``].some((quoted) => source.includes(quoted));
}

describe("the seed threat model", () => {
  it("is read from ../shared beside the repository, with its elements and threats", () => {
    expect(seed.elements.length).toBeGreaterThan(15);
    expect(seed.threats.length).toBeGreaterThan(10);
  });
});

describe("docs/threat-model.md", () => {
  it.each(seed.elements)("lists the element $name ($type)", (element) => {
    expect(doc.elements.some((e) => sameName(e, element.name))).toBe(true);
  });

  it.each(seed.threats)("has an entry for $element: $title", (threat) => {
    const entry = doc.threats.find(
      (t) => sameName(t.element, threat.element) && sameName(t.title, threat.title),
    );
    expect(entry, "no ### <element> — <threat> section").toBeDefined();
    if (!entry) return;
    expect(entry.category).toBe(threat.category);
    expect(entry.fields.mitigation?.trim(), "Mitigation").toBeTruthy();
    expect(references(entry.fields.implemented ?? ""), "Implemented in").not.toEqual([]);
    const proofs = references(entry.fields.proven ?? "");
    if (!proofs.length)
      expect(entry.fields.operational?.trim(), "Proven by or Operational").toBeTruthy();
  });

  it("names only files and tests that exist", () => {
    const missing = references(readFileSync(docFile, "utf8")).filter((ref) => !exists(ref));
    expect(missing).toEqual([]);
  });

  it("notices a test that was renamed or a file that was moved", () => {
    expect(exists("tests/docs/threat-model.test.ts::names only files and tests that exist")).toBe(
      true,
    );
    expect(exists("tests/docs/threat-model.test.ts::a test nobody wrote")).toBe(false);
    expect(exists("lib/no/such-file.ts")).toBe(false);
  });
});
