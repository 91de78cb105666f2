// Deterministic JSON for signing: object keys sorted (by UTF-16 code units, as RFC 8785), no
// whitespace, undefined members dropped. Only plain data is accepted, so that a signature never
// depends on how a runtime happens to print something.
export type CanonicalValue =
  | string
  | number
  | boolean
  | null
  | CanonicalValue[]
  | { [key: string]: CanonicalValue | undefined };

export function canonicalJson(value: CanonicalValue): string {
  if (value === null || typeof value === "string" || typeof value === "boolean")
    return JSON.stringify(value);
  if (typeof value === "number") {
    if (!Number.isFinite(value))
      throw new TypeError("canonical JSON cannot hold a non-finite number");
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const members = Object.keys(value)
      .sort()
      .flatMap((key) => {
        const member = value[key];
        return member === undefined ? [] : [`${JSON.stringify(key)}:${canonicalJson(member)}`];
      });
    return `{${members.join(",")}}`;
  }
  throw new TypeError("canonical JSON accepts only plain data");
}
