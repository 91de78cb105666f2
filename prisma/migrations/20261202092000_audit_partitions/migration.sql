-- The audit trail, partitioned by month on "at" (hand-written: Prisma cannot express
-- partitioning, triggers or grants). docs/audit.md, "Partitions and retention".
--
-- * Partitions live in schema audit_partitions, which the app role cannot reach: it reads and
--   inserts through "AuditEvent" only (and still cannot update or delete there: db-roles), so
--   no grant on a partition can reopen what the parent closes.
-- * public.audit_ensure_partitions(n) creates the partitions of this month and the next n
--   months (idempotent). The app calls it at start and daily (lib/startup/background-work.ts),
--   `npm run audit:archive` too; a DEFAULT partition catches anything outside them, so a write
--   never fails for want of a partition.
-- * The primary key and the seq key include "at" (PostgreSQL requires the partition key in
--   every unique index). The chain still gives each seq to one event: the sequencer row.
-- * The chain triggers keep working. Linking sets "at" to the commit time, which can move a
--   row to the next month's partition; PostgreSQL does that as a delete and an insert, which
--   fires the insert triggers again. Both now ignore that re-insert: the BEFORE trigger acts
--   only on a statement's own insert (trigger depth 1) and link() only on an unlinked row.
--   The BEFORE trigger no longer resets "at" (a caller's value only decides where the row waits
--   for its commit); link() sets it, as before.

CREATE SCHEMA audit_partitions;
REVOKE ALL ON SCHEMA audit_partitions FROM PUBLIC;

ALTER TABLE "AuditEvent" RENAME TO "AuditEvent_unpartitioned";
DROP TRIGGER "AuditEvent_chain" ON "AuditEvent_unpartitioned";
DROP TRIGGER "AuditEvent_db_fields" ON "AuditEvent_unpartitioned";
-- Bound to the old table's row type (it followed the rename); made again below.
DROP FUNCTION audit_chain.canonical("AuditEvent_unpartitioned");

CREATE TABLE "AuditEvent" (LIKE "AuditEvent_unpartitioned" INCLUDING DEFAULTS)
  PARTITION BY RANGE ("at");
CREATE TABLE audit_partitions."AuditEvent_default" PARTITION OF "AuditEvent" DEFAULT;

CREATE FUNCTION public.audit_ensure_partitions(months_ahead integer DEFAULT 3) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  first date := date_trunc('month', now() AT TIME ZONE 'UTC')::date;
  m date;
  name text;
  created integer := 0;
BEGIN
  FOR i IN 0..least(greatest(months_ahead, 0), 24) LOOP
    m := (first + make_interval(months => i))::date;
    name := 'AuditEvent_' || to_char(m, 'YYYY_MM');
    IF to_regclass(format('audit_partitions.%I', name)) IS NULL THEN
      BEGIN
        EXECUTE format(
          'CREATE TABLE audit_partitions.%I PARTITION OF public."AuditEvent" FOR VALUES FROM (%L) TO (%L)',
          name, m, (m + interval '1 month')::date);
        created := created + 1;
      EXCEPTION WHEN check_violation THEN
        -- Events of that month already sit in the default partition (partitions were not made
        -- ahead in time): they stay there, chained and readable; the month goes without its own.
        RAISE WARNING 'audit partition % not created: the default partition holds its events', name;
      END;
    END IF;
  END LOOP;
  RETURN created;
END
$$;

-- Partitions for every month that already has events, then this one and the next three.
DO $$
DECLARE
  m date;
  name text;
BEGIN
  FOR m IN
    SELECT DISTINCT date_trunc('month', "at")::date FROM "AuditEvent_unpartitioned"
  LOOP
    name := 'AuditEvent_' || to_char(m, 'YYYY_MM');
    IF to_regclass(format('audit_partitions.%I', name)) IS NULL THEN
      EXECUTE format(
        'CREATE TABLE audit_partitions.%I PARTITION OF public."AuditEvent" FOR VALUES FROM (%L) TO (%L)',
        name, m, (m + interval '1 month')::date);
    END IF;
  END LOOP;
END
$$;
SELECT public.audit_ensure_partitions(3);

-- No trigger on the new table yet: rows keep their chain fields as they are.
INSERT INTO "AuditEvent" SELECT * FROM "AuditEvent_unpartitioned";
DROP TABLE "AuditEvent_unpartitioned";

ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id", "at");
CREATE UNIQUE INDEX "AuditEvent_seq_at_key" ON "AuditEvent"("seq", "at");
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");
CREATE INDEX "AuditEvent_action_at_idx" ON "AuditEvent"("action", "at");
CREATE INDEX "AuditEvent_actorId_at_idx" ON "AuditEvent"("actorId", "at");
CREATE INDEX "AuditEvent_targetType_targetId_idx" ON "AuditEvent"("targetType", "targetId");
CREATE INDEX "AuditEvent_requestId_idx" ON "AuditEvent"("requestId");
CREATE INDEX "AuditEvent_ip_at_idx" ON "AuditEvent"("ip", "at");
CREATE INDEX "AuditEvent_path_trgm_idx" ON "AuditEvent" USING gin ("path" gin_trgm_ops);
CREATE INDEX "AuditEvent_actorLabel_lower_idx" ON "AuditEvent" (lower("actorLabel"), "seq");
CREATE INDEX "AuditEvent_ip_inet_idx" ON "AuditEvent" USING gist (public.audit_inet("ip") inet_ops);
CREATE INDEX "AuditEvent_search_trgm_idx" ON "AuditEvent" USING gin (
  (coalesce("reason", '') || ' ' || coalesce("actorLabel", '') || ' ' || "action" || ' ' || coalesce("targetId", '')) gin_trgm_ops
);

-- Same canonical content as before (lib/audit/chain.ts keeps the verifier's copy).
CREATE FUNCTION audit_chain.canonical(e "AuditEvent") RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT jsonb_build_array(
    e."seq", e."id", to_char(e."at", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), e."action",
    e."result"::text, e."reason", e."actorType"::text, e."actorId", e."actorLabel",
    to_jsonb(e."actorRoles"), to_jsonb(e."actorPermissions"), e."ip", e."userAgent",
    e."requestId", e."method", e."path", e."targetType", e."targetId",
    e."before", e."after", e."metadata"
  )::text
$$;

CREATE OR REPLACE FUNCTION audit_chain.reset_db_fields() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- Deeper than 1 is link()'s own update moving a linked row between partitions.
  IF pg_trigger_depth() > 1 THEN
    RETURN NEW;
  END IF;
  -- "at" is left as sent: the row was already routed to a partition by it, which a BEFORE
  -- trigger cannot change. It is only where the row waits: link() sets the time at commit (and
  -- moves the row to that month's partition).
  NEW."seq" := NULL;
  NEW."prevHash" := NULL;
  NEW."hash" := NULL;
  RETURN NEW;
END
$$;

CREATE OR REPLACE FUNCTION audit_chain.link() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  head audit_chain.head%ROWTYPE;
  e "AuditEvent"%ROWTYPE;
BEGIN
  -- A linked row re-inserted by a move between partitions is already in the chain.
  IF NEW."seq" IS NOT NULL THEN
    RETURN NULL;
  END IF;
  SELECT * INTO head FROM audit_chain.head WHERE id = 1 FOR UPDATE;
  -- "at" as inserted, to find the row in its partition.
  SELECT * INTO e FROM "AuditEvent" WHERE "id" = NEW."id" AND "at" = NEW."at";
  e."seq" := head.seq + 1;
  -- Never before the previous link, even if the wall clock stepped back.
  e."at" := greatest((clock_timestamp() AT TIME ZONE 'UTC')::timestamp(3), head.at);
  e."prevHash" := head.hash;
  e."hash" := audit_chain.hash(head.hash, audit_chain.canonical(e));
  UPDATE "AuditEvent"
     SET "seq" = e."seq", "at" = e."at", "prevHash" = e."prevHash", "hash" = e."hash"
   WHERE "id" = NEW."id" AND "at" = NEW."at";
  UPDATE audit_chain.head SET seq = e."seq", hash = e."hash", at = e."at" WHERE id = 1;
  RETURN NULL;
END
$$;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA audit_chain FROM PUBLIC;

CREATE TRIGGER "AuditEvent_db_fields" BEFORE INSERT ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION audit_chain.reset_db_fields();

CREATE CONSTRAINT TRIGGER "AuditEvent_chain" AFTER INSERT ON "AuditEvent"
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION audit_chain.link();
