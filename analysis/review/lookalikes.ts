// Look-alikes across the diff and within it (issue #33): a name new in this change is compared with every name
// on both sides by TR39 skeleton, so `b0b` replacing `bob`, or an all-Cyrillic `аӏісе` added beside `alice`,
// is a line of its own and not two unrelated ones ("bob removed", "b0b added").
import { AdminAccessSpec } from "../../components/spec";
import { skeleton } from "../../components/validation/names";
import { Found, Sides } from "./changes";

interface Named {
  path: string;
  value: string;
}

/** The names a reviewer tells people, groups, sets and repositories apart by. */
function namesOf(spec: AdminAccessSpec): Named[] {
  const names: Named[] = [];
  for (const a of spec.admins) {
    const at = `admins[${a.userName}]`;
    names.push({ path: `${at}.userName`, value: a.userName });
    if (!a.existing)
      names.push(
        { path: `${at}.displayName`, value: a.displayName },
        { path: `${at}.email`, value: a.email },
      );
  }
  names.push({ path: "group.displayName", value: spec.group.displayName });
  names.push({ path: "permissionSet.name", value: spec.permissionSet.name });
  for (const u of spec.breakGlass) names.push({ path: "breakGlass.users", value: u });
  if (spec.orgEvents) names.push({ path: "orgEvents.repository", value: spec.orgEvents.repository });
  return names;
}

/** Each name new in `after` that reads the same as another name, before or after the change. */
export function lookalikeChanges(sides: Sides): Found[] {
  const before = namesOf(sides.before.spec).map((n) => ({ ...n, side: "before this change" }));
  const after = namesOf(sides.after.spec).map((n) => ({ ...n, side: "in this config" }));
  const known = new Set(before.map((n) => n.value));
  const fresh = after.filter((n) => !known.has(n.value));
  const key = new Map([...before, ...after].map((n) => [n.value, skeleton(n.value)]));
  const seen = new Set<string>();
  return fresh.flatMap((n) =>
    [...before, ...after]
      .filter((m) => m.value !== n.value && key.get(m.value) === key.get(n.value))
      .filter((m) => {
        // A pair of two new names is one line, not two.
        const pair = [m.value, n.value].sort().join("\u0000");
        return !seen.has(pair) && seen.add(pair);
      })
      .map((m): Found => ({
        direction: "widen",
        path: n.path,
        old: m.value,
        new: n.value,
        why: `reads the same as ${JSON.stringify(m.value)} (${m.path}, ${m.side}) by Unicode's confusables (TR39 skeleton): check who or what this is`,
      })),
  );
}
