-- CreateEnum
CREATE TYPE "InstallEventKind" AS ENUM ('DOWNLOADED', 'VERIFIED', 'INSTALLED', 'FAILED', 'ROLLED_BACK');

-- CreateEnum
CREATE TYPE "RolloutStatus" AS ENUM ('ACTIVE', 'PAUSED', 'HALTED', 'ABORTED', 'COMPLETED');

-- CreateEnum
CREATE TYPE "RollbackScope" AS ENUM ('ALL', 'CUSTOMER', 'PHASE');

-- CreateEnum
CREATE TYPE "RollbackStatus" AS ENUM ('ACTIVE', 'CANCELLED');

-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "rolloutGroups" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "Release" ADD COLUMN     "required" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "InstallEvent" (
    "id" TEXT NOT NULL DEFAULT ('iev_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "machineId" TEXT NOT NULL,
    "licenseId" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "releaseId" TEXT NOT NULL,
    "kind" "InstallEventKind" NOT NULL,
    "version" TEXT NOT NULL,
    "previousVersion" TEXT,
    "errorCode" TEXT,
    "errorMessage" TEXT,
    "durationMs" INTEGER,
    "rolloutId" TEXT,
    "phase" INTEGER,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InstallEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Rollout" (
    "id" TEXT NOT NULL DEFAULT ('rol_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "releaseId" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "status" "RolloutStatus" NOT NULL DEFAULT 'ACTIVE',
    "phases" JSONB NOT NULL,
    "currentPhase" INTEGER NOT NULL DEFAULT 0,
    "phaseStartedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "pendingApprovalId" TEXT,
    "haltReason" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Rollout_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VersionPin" (
    "id" TEXT NOT NULL DEFAULT ('vpn_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "productId" TEXT NOT NULL,
    "licenseId" TEXT,
    "customerId" TEXT,
    "range" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "VersionPin_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RollbackDirective" (
    "id" TEXT NOT NULL DEFAULT ('rbk_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "productId" TEXT NOT NULL,
    "fromReleaseId" TEXT NOT NULL,
    "toReleaseId" TEXT NOT NULL,
    "scope" "RollbackScope" NOT NULL,
    "customerId" TEXT,
    "rolloutId" TEXT,
    "phase" INTEGER,
    "status" "RollbackStatus" NOT NULL DEFAULT 'ACTIVE',
    "reason" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RollbackDirective_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "InstallEvent_releaseId_kind_idx" ON "InstallEvent"("releaseId", "kind");

-- CreateIndex
CREATE INDEX "InstallEvent_rolloutId_phase_kind_idx" ON "InstallEvent"("rolloutId", "phase", "kind");

-- CreateIndex
CREATE INDEX "InstallEvent_productId_receivedAt_idx" ON "InstallEvent"("productId", "receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "InstallEvent_machineId_releaseId_kind_key" ON "InstallEvent"("machineId", "releaseId", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "Rollout_releaseId_key" ON "Rollout"("releaseId");

-- CreateIndex
CREATE INDEX "Rollout_productId_idx" ON "Rollout"("productId");

-- CreateIndex
CREATE UNIQUE INDEX "VersionPin_productId_licenseId_key" ON "VersionPin"("productId", "licenseId");

-- CreateIndex
CREATE UNIQUE INDEX "VersionPin_productId_customerId_key" ON "VersionPin"("productId", "customerId");

-- CreateIndex
CREATE INDEX "RollbackDirective_productId_status_idx" ON "RollbackDirective"("productId", "status");

-- AddForeignKey
ALTER TABLE "InstallEvent" ADD CONSTRAINT "InstallEvent_machineId_fkey" FOREIGN KEY ("machineId") REFERENCES "Machine"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InstallEvent" ADD CONSTRAINT "InstallEvent_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "Release"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Rollout" ADD CONSTRAINT "Rollout_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "Release"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VersionPin" ADD CONSTRAINT "VersionPin_licenseId_fkey" FOREIGN KEY ("licenseId") REFERENCES "License"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VersionPin" ADD CONSTRAINT "VersionPin_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;
