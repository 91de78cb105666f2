-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "method" TEXT,
ADD COLUMN     "path" TEXT,
ALTER COLUMN "seq" DROP NOT NULL,
ALTER COLUMN "seq" DROP DEFAULT;
DROP SEQUENCE "AuditEvent_seq_seq";

-- CreateTable
CREATE TABLE "AuditCheckpoint" (
    "id" TEXT NOT NULL DEFAULT ('ack_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "seq" BIGINT NOT NULL,
    "hash" TEXT NOT NULL,
    "chainedAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "keyId" TEXT NOT NULL,
    "signature" TEXT NOT NULL,
    "storageKey" TEXT,

    CONSTRAINT "AuditCheckpoint_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AuditCheckpoint_seq_key" ON "AuditCheckpoint"("seq");

-- CreateIndex
CREATE INDEX "AuditEvent_requestId_idx" ON "AuditEvent"("requestId");
