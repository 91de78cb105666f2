// One page of a list that is small enough to load whole and sort in memory (the product
// catalogue, one product's releases, the API clients): the cursor is the offset of the page's
// first row, opaque to the Pager. A cursor that is not an offset starts again from the top.
export interface ListPage<T> {
  items: T[];
  nextCursor: string | null;
  onLaterPage: boolean;
}

export const PAGE_SIZE = 25;

export function pageOf<T>(
  all: readonly T[],
  cursor: string | undefined,
  size = PAGE_SIZE,
): ListPage<T> {
  const offset = /^\d{1,6}$/.test(cursor ?? "") ? Number(cursor) : 0;
  const start = offset < all.length ? offset : 0;
  const items = all.slice(start, start + size);
  const next = start + size;
  return { items, nextCursor: next < all.length ? String(next) : null, onLaterPage: start > 0 };
}

// Case-insensitive substring search over a row's searchable texts; an empty term keeps all.
export function matches(term: string | undefined, ...texts: (string | null | undefined)[]) {
  const needle = term?.trim().toLowerCase();
  if (!needle) return true;
  return texts.some((text) => text?.toLowerCase().includes(needle));
}
