// "Repeated failures from one client or IP raise an alert." The api.repeated_failures rule
// (alert-rules.ts) raises and folds the alert as each refusal is written to the trail; this names
// the rule and its limits for the tests and docs.
import { env } from "@/lib/env";
import { REPEATED_FAILURES_ALERT } from "./alert-rules";

export { REPEATED_FAILURES_ALERT };

export interface FailureAlarmPolicy {
  threshold: number;
  windowSeconds: number;
}

export const DEFAULT_FAILURE_ALARM: FailureAlarmPolicy = {
  get threshold() {
    return env().ALERT_API_FAILURES;
  },
  get windowSeconds() {
    return env().ALERT_WINDOW;
  },
};
