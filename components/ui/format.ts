// Display formats for every page. Dates are shown in UTC so that the server's rendering never
// differs from the browser's, and an expiry reads the same to every member of staff.

// Sizes in SI units (1 kB = 1,000 bytes, 1 MB = 1,000,000 bytes), as storage vendors and
// download tools print them, so 4,000,000 bytes reads "4.0 MB" and not a binary "3.8 MB" that
// is labelled like a decimal one. bytesTitle() gives the exact count for a tooltip.
const SI_UNITS = ["kB", "MB", "GB", "TB"] as const;

export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return "—";
  if (bytes < 1000) return `${bytes} ${bytes === 1 ? "byte" : "bytes"}`;
  let value = bytes / 1000;
  let unit = 0;
  // 999,950 bytes would round to "1000.0 kB": move up a unit before it does.
  while (value >= 999.95 && unit < SI_UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${SI_UNITS[unit]}`;
}

export function bytesTitle(bytes: number): string {
  return `${bytes.toLocaleString("en-US")} bytes`;
}

// A size with its exact count beside it, where no tooltip can hold it: "4.0 MB (4,000,000
// bytes)". Under 1 kB the short form is already the exact count ("47 bytes"), said once.
export function formatBytesWithCount(bytes: number): string {
  const short = formatBytes(bytes);
  return bytes < 1000 || short === "—" ? short : `${short} (${bytesTitle(bytes)})`;
}

export function formatDateTime(date: Date | string | null | undefined): string {
  const d = toDate(date);
  return d ? `${d.toISOString().slice(0, 16).replace("T", " ")} UTC` : "—";
}

export function formatDate(date: Date | string | null | undefined): string {
  const d = toDate(date);
  return d ? d.toISOString().slice(0, 10) : "—";
}

function toDate(date: Date | string | null | undefined): Date | null {
  if (!date) return null;
  const d = typeof date === "string" ? new Date(date) : date;
  return Number.isNaN(d.getTime()) ? null : d;
}

// The value an <input type="date"> expects.
export function dateInputValue(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}

// How a license is named on screen: the key's last group, the only part of it that is stored in
// the clear, in the key's own shape.
export function licenseLabel(keyHint: string): string {
  return `TG-…-${keyHint}`;
}
