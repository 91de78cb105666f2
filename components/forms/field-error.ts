// The error to show next to a form field: its own, or the first one of its items (zod reports a
// bad list entry as "channels.1").
export function fieldError(errors: Record<string, string>, name: string): string | undefined {
  if (errors[name]) return errors[name];
  const item = Object.keys(errors).find((path) => path.startsWith(`${name}.`));
  return item ? errors[item] : undefined;
}
