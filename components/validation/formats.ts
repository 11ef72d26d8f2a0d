// Date and duration formats, pure and free of zod, so that the published declarations need no zod types.

/** ISO-8601 duration in seconds, for the PTnHnMnS forms the API accepts; undefined when not one. */
export function durationSeconds(value: string): number | undefined {
  const m = /^PT(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?$/.exec(value);
  return m ? Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0) : undefined;
}

/**
 * `2026-12-31T18:00:00Z`: a real instant, in UTC, to the second, as EventBridge Scheduler's at() takes it.
 * Unquoted in a stack file it still arrives as this string: the CLI's YAML decoder keeps timestamp-like
 * scalars as strings when decoding into interface{} (gopkg.in/yaml.v3 decode.go).
 */
export function isUtcInstant(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/.exec(value);
  return m !== null && new Date(value).toISOString() === `${value.slice(0, -1)}.000Z`;
}
