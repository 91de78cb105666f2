// Date formats for the licensing pages. Dates are shown in UTC so that the server's rendering
// never differs from the browser's, and an expiry reads the same to every member of staff.

export function formatDate(date: Date | string | null | undefined): string {
  if (!date) return "—";
  const d = typeof date === "string" ? new Date(date) : date;
  return Number.isNaN(d.getTime()) ? "—" : d.toISOString().slice(0, 10);
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
