// The license list's filters come from the query string (a plain GET form, so a filtered list
// can be bookmarked and shared); anything unusable is dropped with a note instead of failing.
import type { ListLicensesInput } from "./list-licenses.schema";

export interface LicenseFilterQuery {
  status?: string;
  product?: string;
  expiring?: string;
  q?: string;
  cursor?: string;
}

export interface LicenseFilters {
  input: ListLicensesInput;
  // The filters as they should appear in links (pagination keeps them).
  params: { status?: string; product?: string; expiring?: string; q?: string };
  // Why a filter from the URL was ignored, for a notice on the page.
  problems: string[];
}

const STATUSES = new Map([
  ["active", "ACTIVE"],
  ["suspended", "SUSPENDED"],
  ["revoked", "REVOKED"],
] as const);

export const SEARCH_MAX = 200;
export const EXPIRING_MAX_DAYS = 3650;
const CURSOR_MAX = 500;

const quote = (value: string) => `"${value.slice(0, 40)}"`;

export function readLicenseFilters(
  query: LicenseFilterQuery,
  // null: the viewer may not read products, so there is nothing to filter by.
  products: readonly { id: string; slug: string }[] | null,
): LicenseFilters {
  const problems: string[] = [];
  const input: ListLicensesInput = {};
  const params: LicenseFilters["params"] = {};

  const status = query.status?.trim().toLowerCase();
  if (status) {
    const value = STATUSES.get(status as "active");
    if (value) {
      input.status = value;
      params.status = status;
    } else
      problems.push(`${quote(query.status ?? "")} is not a status (active, suspended or revoked).`);
  }

  const product = query.product?.trim();
  if (product) {
    const match = products?.find((p) => p.slug === product);
    if (match) {
      input.productId = match.id;
      params.product = match.slug;
    } else if (products === null) problems.push("You cannot filter by product.");
    else problems.push(`There is no product ${quote(product)}.`);
  }

  const expiring = query.expiring?.trim();
  if (expiring) {
    const days = /^\d{1,4}$/.test(expiring) ? Number(expiring) : NaN;
    if (days <= EXPIRING_MAX_DAYS) {
      input.expiringWithinDays = days;
      params.expiring = String(days);
    } else
      problems.push(
        `"Expiring within" must be a number of days from 0 to ${EXPIRING_MAX_DAYS}, not ${quote(expiring)}.`,
      );
  }

  const search = query.q?.trim().slice(0, SEARCH_MAX);
  if (search) {
    input.search = search;
    params.q = search;
  }

  if (query.cursor) {
    if (query.cursor.length <= CURSOR_MAX) input.cursor = query.cursor;
    else problems.push("The page link was not valid; showing the first page.");
  }
  return { input, params, problems };
}
