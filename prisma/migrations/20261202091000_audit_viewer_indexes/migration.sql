-- Indexes for the audit viewer's filters that the earlier (column, at) indexes cannot serve
-- (hand-written: Prisma's schema cannot express expression or trigram indexes). Measured by
-- bench/audit-viewer.ts; docs/benchmarks.md has the table.

-- Actor by email, case-insensitively (lib/audit/audit-query.ts compares lower() to lower()).
CREATE INDEX "AuditEvent_actorLabel_lower_idx" ON "AuditEvent" (lower("actorLabel"), "seq");

-- CIDR filters: the stored address as inet, in a GiST index (inet_ops serves <<=). The column is
-- text (whatever the request said); a value that is not an address is NULL here, never an error.
CREATE FUNCTION public.audit_inet(ip text) RETURNS inet
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
  RETURN ip::inet;
EXCEPTION WHEN others THEN
  RETURN NULL;
END
$$;
CREATE INDEX "AuditEvent_ip_inet_idx" ON "AuditEvent" USING gist (public.audit_inet("ip") inet_ops);

-- Trigrams (pg_trgm, a trusted extension the database owner may create) serve LIKE/ILIKE with
-- any anchor: the path prefix (LIKE 'prefix%', whatever the collation) and the free text.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX "AuditEvent_path_trgm_idx" ON "AuditEvent" USING gin ("path" gin_trgm_ops);

-- Free text over the summary fields: one trigram index on the text the viewer searches.
CREATE INDEX "AuditEvent_search_trgm_idx" ON "AuditEvent" USING gin (
  (coalesce("reason", '') || ' ' || coalesce("actorLabel", '') || ' ' || "action" || ' ' || coalesce("targetId", '')) gin_trgm_ops
);
