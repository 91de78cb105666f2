"use server";

import { defineAction } from "@/lib/http/action";
import {
  abortRollout,
  advanceRollout,
  pauseRollout,
  resumeRollout,
} from "@/lib/rollouts/control-rollout";
import { cancelRollback, directRollback } from "@/lib/rollouts/direct-rollback";
import { cancelRollbackSchema, directRollbackSchema } from "@/lib/rollouts/direct-rollback.schema";
import { rolloutControlSchema } from "@/lib/rollouts/rollout-control.schema";

// Every rollout control changes what machines are offered: step-up, like publishing.
const rollout = { kind: "staff", permission: "rollouts:manage", stepUp: true } as const;

export const advanceRolloutAction = defineAction({
  name: "rollouts.advance",
  access: rollout,
  input: rolloutControlSchema,
  handler: ({ actor, input, ctx }) => advanceRollout({ actor, input, request: ctx }),
});

export const pauseRolloutAction = defineAction({
  name: "rollouts.pause",
  access: rollout,
  input: rolloutControlSchema,
  handler: ({ actor, input, ctx }) => pauseRollout({ actor, input, request: ctx }),
});

export const resumeRolloutAction = defineAction({
  name: "rollouts.resume",
  access: rollout,
  input: rolloutControlSchema,
  handler: ({ actor, input, ctx }) => resumeRollout({ actor, input, request: ctx }),
});

export const abortRolloutAction = defineAction({
  name: "rollouts.abort",
  access: rollout,
  input: rolloutControlSchema,
  handler: ({ actor, input, ctx }) => abortRollout({ actor, input, request: ctx }),
});

export const directRollbackAction = defineAction({
  name: "rollbacks.direct",
  access: rollout,
  input: directRollbackSchema,
  handler: ({ actor, input, ctx }) => directRollback({ actor, input, request: ctx }),
});

export const cancelRollbackAction = defineAction({
  name: "rollbacks.cancel",
  access: rollout,
  input: cancelRollbackSchema,
  handler: ({ actor, input, ctx }) => cancelRollback({ actor, input, request: ctx }),
});
