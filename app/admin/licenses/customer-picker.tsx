"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { SelectField, TextField } from "@/components/ui/field";
import { searchCustomersAction } from "./actions";

export interface CustomerOption {
  id: string;
  slug: string;
  name: string;
}

const optionLabel = (c: CustomerOption) => `${c.name} (${c.slug})`;

// A customer select narrowed by a search box: the first twenty matches, fetched as the user
// types. The chosen customer stays selectable when a later search no longer lists it.
export function CustomerPicker({
  initial,
  error,
}: {
  initial: CustomerOption | null;
  error?: string;
}) {
  const [search, setSearch] = useState("");
  const [term, setTerm] = useState("");
  const [selected, setSelected] = useState<CustomerOption | null>(initial);
  useEffect(() => {
    const timer = setTimeout(() => setTerm(search.trim()), 250);
    return () => clearTimeout(timer);
  }, [search]);
  const results = useQuery({
    queryKey: ["licensing", "customer-options", term],
    queryFn: async () => {
      const result = await searchCustomersAction({ search: term });
      if (!result.ok) throw new Error(result.error.message);
      return result.data;
    },
    placeholderData: keepPreviousData,
  });
  const found = results.data ?? [];
  const options =
    selected && !found.some((c) => c.id === selected.id) ? [selected, ...found] : found;
  return (
    <div className="space-y-2">
      <TextField
        label="Find customer"
        name="customerSearch"
        type="search"
        autoComplete="off"
        placeholder="Name or slug"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        hint={
          results.isError
            ? `Customers could not be loaded: ${results.error.message}`
            : results.isFetching
              ? "Searching…"
              : `${found.length === 20 ? "First 20 matches" : `${found.length} found`}.`
        }
      />
      <SelectField
        label="Customer"
        name="customerId"
        value={selected?.id ?? ""}
        onChange={(e) => setSelected(options.find((c) => c.id === e.target.value) ?? null)}
        error={error}
        options={[
          { value: "", label: "Choose a customer…" },
          ...options.map((c) => ({ value: c.id, label: optionLabel(c) })),
        ]}
      />
    </div>
  );
}
