// The search field of a list's GET filter form (licenses, products, releases, API clients), so
// that every list searches the same way and a search can be bookmarked.
const control =
  "mt-1 block w-72 max-w-full rounded-md border-0 px-3 py-2 text-sm shadow-sm ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-brand-600";

export function SearchBox({
  value,
  placeholder,
  maxLength = 200,
}: {
  value: string | undefined;
  placeholder: string;
  maxLength?: number;
}) {
  return (
    <label className="text-sm">
      <span className="block font-medium text-slate-700">Search</span>
      <input
        type="search"
        name="q"
        defaultValue={value}
        maxLength={maxLength}
        placeholder={placeholder}
        className={control}
      />
    </label>
  );
}
