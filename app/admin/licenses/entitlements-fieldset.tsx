"use client";

import { useState } from "react";
import { TextField } from "@/components/ui/field";
import {
  channelsName,
  entitlementError,
  entitlementsListError,
  includeName,
  platformsName,
  type EntitlementValue,
  type ProductOption,
} from "./entitlement-form";

// Products and channels (checkboxes) and optional platforms, one group per product. `sent` is the
// product order of the last submission, which maps the server's indexed errors to products.
export function EntitlementsFieldset({
  products,
  initial,
  errors,
  sent,
}: {
  products: ProductOption[];
  initial: EntitlementValue[];
  errors: Record<string, string>;
  sent: string[];
}) {
  const [included, setIncluded] = useState(() => new Set(initial.map((e) => e.productId)));
  const initialOf = (productId: string) => initial.find((e) => e.productId === productId);
  const listError = entitlementsListError(errors);
  const toggle = (productId: string, on: boolean) =>
    setIncluded((current) => {
      const next = new Set(current);
      if (on) next.add(productId);
      else next.delete(productId);
      return next;
    });

  return (
    <fieldset className="space-y-3" aria-describedby={listError ? "entitlements-error" : undefined}>
      <legend className="text-sm font-medium text-slate-700">Products and channels</legend>
      {products.length === 0 ? (
        <p className="text-sm text-slate-500">There are no products to license yet.</p>
      ) : null}
      {products.map((p) => {
        const on = included.has(p.id);
        const start = initialOf(p.id);
        const channelError = entitlementError(errors, sent, p.id, "channels");
        const productError = entitlementError(errors, sent, p.id, "productId");
        return (
          <div
            key={p.id}
            role="group"
            aria-label={p.name}
            className="space-y-3 rounded-md p-3 ring-1 ring-slate-200"
          >
            <label className="flex items-center gap-2 text-sm font-medium">
              <input
                type="checkbox"
                name={includeName(p.id)}
                checked={on}
                onChange={(e) => toggle(p.id, e.target.checked)}
              />
              Include {p.name} <span className="font-mono text-xs text-slate-500">{p.slug}</span>
            </label>
            {productError ? (
              <p role="alert" className="text-sm text-red-600">
                {productError}
              </p>
            ) : null}
            <fieldset disabled={!on} className="space-y-3 pl-6 disabled:opacity-50">
              <div role="group" aria-label={`Channels of ${p.name}`}>
                <p className="text-xs font-medium text-slate-600">Channels</p>
                <div className="mt-1 flex flex-wrap gap-4">
                  {p.channels.map((c) => (
                    <label key={c} className="flex items-center gap-1.5 text-sm">
                      <input
                        type="checkbox"
                        name={channelsName(p.id)}
                        value={c}
                        defaultChecked={start ? start.channels.includes(c) : c === "stable"}
                      />
                      {c}
                    </label>
                  ))}
                </div>
                {channelError ? (
                  <p role="alert" className="mt-1 text-sm text-red-600">
                    {channelError}
                  </p>
                ) : null}
              </div>
              <TextField
                label="Platforms"
                name={platformsName(p.id)}
                autoComplete="off"
                placeholder="linux/x64, darwin/arm64"
                defaultValue={start?.platforms.join(", ") ?? ""}
                hint="Leave blank for every platform."
                error={entitlementError(errors, sent, p.id, "platforms")}
              />
            </fieldset>
          </div>
        );
      })}
      {listError ? (
        <p id="entitlements-error" role="alert" className="text-sm text-red-600">
          {listError}
        </p>
      ) : null}
    </fieldset>
  );
}
