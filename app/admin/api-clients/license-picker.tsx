"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { licenseLabel } from "@/components/ui/format";
import { SelectField, TextField } from "@/components/ui/field";
import type { EffectiveStatus } from "@/lib/licensing/license-view";
import { searchLicensesAction } from "./actions";

export interface LicenseOption {
  id: string;
  keyHint: string;
  customerName: string;
  products: string[];
  effectiveStatus: EffectiveStatus;
}

// Only a license still in date is "active"; past its expiry it says what the agent still gets.
const EXPIRY_NOTE: Partial<Record<EffectiveStatus, string>> = {
  maintenance: " · expired: releases from before its expiry only",
  expired: " · expired: no updates",
};

const optionLabel = (l: LicenseOption) =>
  `${l.customerName} · ${licenseLabel(l.keyHint)} (${l.products.join(", ")})${EXPIRY_NOTE[l.effectiveStatus] ?? ""}`;

// A license select (not suspended or revoked; an expired one is marked so) narrowed by a search box (customer, last key group or id), fetched as
// the user types. The chosen license stays selectable when a later search no longer lists it.
export function LicensePicker({
  initial,
  error,
}: {
  initial: LicenseOption | null;
  error?: string;
}) {
  const [search, setSearch] = useState("");
  const [term, setTerm] = useState("");
  const [selected, setSelected] = useState<LicenseOption | null>(initial);
  useEffect(() => {
    const timer = setTimeout(() => setTerm(search.trim()), 250);
    return () => clearTimeout(timer);
  }, [search]);
  const results = useQuery({
    queryKey: ["licensing", "license-options", term],
    queryFn: async () => {
      const result = await searchLicensesAction({ search: term });
      if (!result.ok) throw new Error(result.error.message);
      return result.data;
    },
    placeholderData: keepPreviousData,
  });
  const found = results.data ?? [];
  const options =
    selected && !found.some((l) => l.id === selected.id) ? [selected, ...found] : found;
  return (
    <div className="space-y-2">
      <TextField
        label="Find license"
        name="licenseSearch"
        type="search"
        autoComplete="off"
        placeholder="Customer, last key group or license id"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        hint={
          results.isError
            ? `Licenses could not be loaded: ${results.error.message}`
            : results.isFetching
              ? "Searching…"
              : `${found.length === 20 ? "First 20 licenses" : `${found.length} found`}, suspended and revoked ones left out.`
        }
      />
      <SelectField
        label="License"
        name="licenseId"
        value={selected?.id ?? ""}
        onChange={(e) => setSelected(options.find((l) => l.id === e.target.value) ?? null)}
        error={error}
        options={[
          { value: "", label: "Choose a license…" },
          ...options.map((l) => ({ value: l.id, label: optionLabel(l) })),
        ]}
      />
    </div>
  );
}
