// How the review's rules read a field: the comparators the table in rules.ts is built from, each returning
// what changed and which way it moves access.
import { ownValue } from "../../components/values";
import { AdminAccessSpec, AdminSpec, NewAdminSpec } from "../../components/spec";
import { durationSeconds } from "../../components/validation/formats";
import { Direction, Found, Sides } from "./changes";

type Text = string | undefined | null;
type Read = (spec: AdminAccessSpec) => Text;

/** One value compared as text: a line when it differs, its direction decided from the two values. */
export const field =
  (
    path: string,
    read: Read,
    direction: (old: Text, now: Text, sides: Sides) => Direction = () => "neutral",
  ) =>
  (sides: Sides): Found[] => {
    const [old, now] = [read(sides.before.spec) ?? null, read(sides.after.spec) ?? null];
    return old === now ? [] : [{ direction: direction(old, now, sides), path, old, new: now }];
  };

/** A boolean setting: turning it on is `on`, off the other way. */
export const flag = (path: string, read: (spec: AdminAccessSpec) => boolean, on: Direction, off: Direction) =>
  field(
    path,
    (s) => String(read(s)),
    (_, now) => (now === "true" ? on : off),
  );

/** Members of a list gained (`gain`) or lost (`lose`), each a line; `why` adds to the rule's words. */
export const members =
  (
    path: string,
    read: (sides: Sides, side: "before" | "after") => string[],
    gain: Direction,
    lose: Direction,
  ) =>
  (sides: Sides): Found[] => {
    const [was, now] = [read(sides, "before"), read(sides, "after")];
    return [
      ...now.filter((v) => !was.includes(v)).map((v) => ({ direction: gain, path, old: null, new: v })),
      ...was.filter((v) => !now.includes(v)).map((v) => ({ direction: lose, path, old: v, new: null })),
    ];
  };

/** A record's entries (tags), each key compared on its own. */
export const entries =
  (path: string, read: (spec: AdminAccessSpec) => Record<string, string>) =>
  (sides: Sides): Found[] => {
    const [was, now] = [read(sides.before.spec), read(sides.after.spec)];
    return [...new Set([...Object.keys(was), ...Object.keys(now)])].flatMap((k): Found[] =>
      ownValue(was, k) === ownValue(now, k)
        ? []
        : [
            {
              direction: "neutral",
              path: `${path}[${k}]`,
              old: ownValue(was, k) ?? null,
              new: ownValue(now, k) ?? null,
            },
          ],
    );
  };

/** A session duration: longer widens, shorter narrows. */
export const longer = (old: Text, now: Text): Direction =>
  (durationSeconds(now ?? "") ?? 0) > (durationSeconds(old ?? "") ?? 0) ? "widen" : "narrow";

/** The admins on both sides, by userName. */
export function adminPairs(sides: Sides): { was: AdminSpec; now: AdminSpec }[] {
  const was = new Map(sides.before.spec.admins.map((a) => [a.userName, a]));
  return sides.after.spec.admins.flatMap((now) => {
    const w = was.get(now.userName);
    return w ? [{ was: w, now }] : [];
  });
}

/** A field of an admin created on both sides (a looked-up user's fields are not managed here). */
export const createdAdminField =
  (key: keyof NewAdminSpec, direction: Direction = "neutral") =>
  (sides: Sides): Found[] =>
    adminPairs(sides).flatMap(({ was, now }) => {
      if (was.existing || now.existing) return [];
      const text = (a: NewAdminSpec) =>
        a[key] === undefined ? null : typeof a[key] === "string" ? a[key] : JSON.stringify(a[key]);
      const [old, next] = [text(was), text(now)];
      return old === next ? [] : [{ direction, path: `admins[${now.userName}].${key}`, old, new: next }];
    });
