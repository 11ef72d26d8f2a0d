// Date and duration formats, pure and free of zod, so that the published declarations need no zod types.

/** ISO-8601 duration in seconds, for the PTnHnMnS forms the API accepts; undefined when not one. */
export function durationSeconds(value: string): number | undefined {
  const m = /^PT(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?$/.exec(value);
  return m ? Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0) : undefined;
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** `2026-12-31T18:00:00Z`: a real instant, in UTC, to the second, as EventBridge Scheduler's at() takes it. */
export function isUtcInstant(value: string): boolean {
  // Date.parse is NaN for hour 99 or month 13 and rolls Feb 30 over to March; neither is the written instant.
  const time = INSTANT.test(value) ? Date.parse(value) : NaN;
  return !Number.isNaN(time) && new Date(time).toISOString() === `${value.slice(0, -1)}.000Z`;
}

/**
 * Why a value is not an instant, in words a user can act on. Unquoted in a stack file an instant is a YAML
 * timestamp, which the Pulumi CLI hands the program as Go's time.Time.String(), `2026-11-01 00:00:00 +0000
 * UTC` (seen with `pulumi config --json`, CLI v3.274.1; tests/cli/ holds the reader to it).
 */
export function instantProblem(value: string): string {
  const go = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(?:\.\d+)? \+0000 UTC$/.exec(value);
  if (go)
    return `is what the Pulumi CLI makes of an unquoted instant. YAML read this as a timestamp: quote it, e.g. "${go[1]}T${go[2]}Z"`;
  if (INSTANT.test(value)) return "is not a real instant: no calendar has that date or time";
  return "is not valid: expected an ISO-8601 UTC instant such as 2026-12-31T18:00:00Z";
}
