// Wraps an API route so that every refused request (4xx) is checked against the repeated-failure
// alarm. It runs after the guard chain has answered and audited, so it sees refusals from every
// step (authentication, rate limit, validation, the domain); it never changes the response, and
// a failing alarm check is logged, not surfaced.
import { alarmOnRepeatedFailures } from "@/lib/alerts/repeated-failures";
import { log } from "@/lib/log";
import type { RouteHandler } from "@/lib/http/route";

export function withFailureAlarm(route: RouteHandler): RouteHandler {
  const wrapped = async (...args: Parameters<RouteHandler>): Promise<Response> => {
    const response = await route(...args);
    const requestId = response.headers.get("x-request-id");
    if (response.status >= 400 && response.status < 500 && requestId) {
      try {
        await alarmOnRepeatedFailures(requestId);
      } catch (error) {
        log.error(
          { err: error, requestId, route: route.spec.name },
          "repeated-failure alarm check failed",
        );
      }
    }
    return response;
  };
  return Object.assign(wrapped, { spec: route.spec });
}
