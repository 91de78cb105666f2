"use client";

import type { GrantablePermission } from "@/lib/authz/policy";
import { PERMISSIONS, resourceOf, type Permission } from "@/lib/authz/permissions";

// The catalogue grouped by resource. A permission the actor cannot grant is shown, disabled, with
// the policy's reason; the server judges again whatever is submitted.
export function PermissionPicker({
  grantable,
  selected,
  onChange,
  error,
}: {
  grantable: GrantablePermission[];
  selected: ReadonlySet<Permission>;
  onChange: (permission: Permission, checked: boolean) => void;
  error?: string;
}) {
  const groups = new Map<string, GrantablePermission[]>();
  for (const g of grantable) {
    const resource = resourceOf(g.permission);
    groups.set(resource, [...(groups.get(resource) ?? []), g]);
  }
  return (
    <fieldset className="space-y-3" aria-describedby={error ? "permissions-error" : undefined}>
      <legend className="text-sm font-medium text-slate-700">Permissions</legend>
      {error ? (
        <p id="permissions-error" role="alert" className="text-sm text-red-600">
          {error}
        </p>
      ) : null}
      <div className="grid gap-3 md:grid-cols-2">
        {[...groups].map(([resource, items]) => (
          <div
            key={resource}
            role="group"
            aria-label={resource}
            className="rounded-md p-3 ring-1 ring-slate-200"
          >
            <h3 className="mb-2 font-mono text-xs font-semibold uppercase text-slate-500">
              {resource}
            </h3>
            <ul className="space-y-2">
              {items.map((g) => {
                const id = `perm-${g.permission.replace(":", "-")}`;
                return (
                  <li key={g.permission} className="flex gap-2">
                    <input
                      id={id}
                      type="checkbox"
                      name="permissions"
                      value={g.permission}
                      className="mt-1"
                      checked={selected.has(g.permission)}
                      disabled={!g.grantable}
                      aria-describedby={`${id}-desc`}
                      data-testid={`permission-${g.permission}`}
                      onChange={(e) => onChange(g.permission, e.target.checked)}
                    />
                    <div className="text-sm">
                      <label
                        htmlFor={id}
                        className={`font-mono ${g.grantable ? "text-slate-900" : "text-slate-400"}`}
                      >
                        {g.permission}
                      </label>
                      <p id={`${id}-desc`} className="text-xs text-slate-500">
                        {PERMISSIONS[g.permission]}
                        {g.reason ? (
                          <span
                            className="block text-amber-700"
                            data-testid={`permission-reason-${g.permission}`}
                          >
                            {g.reason}
                          </span>
                        ) : null}
                      </p>
                    </div>
                  </li>
                );
              })}
            </ul>
          </div>
        ))}
      </div>
    </fieldset>
  );
}
