// Reading the products-and-channels part of the license forms, and placing the server's field
// errors (paths such as "entitlements.1.channels.0") next to the product they are about.

export interface ProductOption {
  id: string;
  slug: string;
  name: string;
  channels: string[];
}

export interface EntitlementValue {
  productId: string;
  channels: string[];
  platforms: string[];
}

// "linux/x64, darwin/arm64" or one per line.
export function parseList(raw: string): string[] {
  return raw
    .split(/[\s,]+/)
    .map((item) => item.trim())
    .filter(Boolean);
}

export const includeName = (productId: string) => `product:${productId}`;
export const channelsName = (productId: string) => `channels:${productId}`;
export const platformsName = (productId: string) => `platforms:${productId}`;

// The entitlements in the order of the product list; the same order maps errors back.
export function readEntitlements(
  form: FormData,
  products: readonly ProductOption[],
): EntitlementValue[] {
  return products
    .filter((p) => form.get(includeName(p.id)) === "on")
    .map((p) => ({
      productId: p.id,
      channels: form.getAll(channelsName(p.id)).map(String),
      platforms: parseList(String(form.get(platformsName(p.id)) ?? "")),
    }));
}

// The first error under entitlements.<i>.<field>, where i is the product's place in the
// entitlements that were sent.
export function entitlementError(
  errors: Record<string, string>,
  sent: readonly string[],
  productId: string,
  field: "productId" | "channels" | "platforms",
): string | undefined {
  const index = sent.indexOf(productId);
  if (index < 0) return undefined;
  const path = `entitlements.${index}.${field}`;
  const key = Object.keys(errors).find((k) => k === path || k.startsWith(`${path}.`));
  return key ? errors[key] : undefined;
}

// An error about the list itself ("at least one product is required").
export function entitlementsListError(errors: Record<string, string>): string | undefined {
  return errors.entitlements;
}

// Whether an error path belongs to one of the form's fields (otherwise it goes in a notice).
export function isPlacedError(path: string, fields: readonly string[]): boolean {
  return fields.some((f) => path === f || path.startsWith(`${f}.`));
}
