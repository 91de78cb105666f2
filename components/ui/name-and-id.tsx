// A row's name with its identifier under it in monospace (a machine's hostname and machine id,
// an API client's name and client id), the same in every table.
export function NameAndId({ name, id }: { name: string | null; id: string }) {
  return (
    <div>
      <div className="font-medium">{name ?? "—"}</div>
      <div className="font-mono text-xs text-slate-500">{id}</div>
    </div>
  );
}
