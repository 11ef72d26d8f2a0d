// The inline policy compared by meaning (issue #33): IAM evaluates a policy's statements as a set, so their
// order and their Sids are not changes. Statements are matched by what they say first; a statement whose
// meaning is unchanged but whose Sid is renamed is an `info` line, never a removed guardrail. Only what is
// left is paired by Sid (then Sid-less statements in order) and compared field by field.
import { comparablePolicy, conditionalDenyAll } from "../../components/policy";
import { Found, Sides, statementText } from "./changes";
import { equivalentPolicy } from "./fanout";
import { listOf as list } from "../../components/values";

type Statement = Record<string, unknown>;
interface Entry {
  st: Statement;
  /** Its Sid, or `#<position>` when it has none. */
  key: string;
  sid?: string;
  meaning: string;
}

const json = (v: unknown) => JSON.stringify(v);
const PARTS = ["Effect", "Action", "NotAction", "Resource", "NotResource", "Principal", "Condition"];

function entriesOf(policy: Record<string, unknown> | undefined): Entry[] {
  return list(policy?.Statement).map((raw, i) => {
    const { Sid, ...st } = raw as Statement;
    const sid = typeof Sid === "string" && Sid ? Sid : undefined;
    return {
      st: raw as Statement,
      key: sid ?? `#${i}`,
      sid,
      meaning: comparablePolicy(equivalentPolicy(st)),
    };
  });
}

/** Removes and returns the first entry of `from` that `match` accepts. */
function take(from: Entry[], match: (e: Entry) => boolean): Entry | undefined {
  const i = from.findIndex(match);
  return i < 0 ? undefined : from.splice(i, 1)[0];
}

/** Pairs statements: same meaning first (Sid renames), then same Sid, then Sid-less ones in order. */
function pair(before: Entry[], after: Entry[]) {
  const [was, now] = [[...before], [...after]];
  const renamed: [Entry, Entry][] = [];
  const changed: [Entry, Entry][] = [];
  for (const a of [...now]) {
    const same = take(was, (b) => b.meaning === a.meaning && b.sid === a.sid);
    if (same) now.splice(now.indexOf(a), 1);
  }
  for (const a of [...now]) {
    const b = take(was, (x) => x.meaning === a.meaning);
    if (b) renamed.push([b, now.splice(now.indexOf(a), 1)[0]]);
  }
  for (const a of [...now]) {
    const b = take(was, (x) => (a.sid ? x.sid === a.sid : x.sid === undefined));
    if (b) changed.push([b, now.splice(now.indexOf(a), 1)[0]]);
  }
  return { renamed, changed, removed: was, added: now };
}

const at = (key: string) => `permissionSet.inlinePolicy.Statement[${key}]`;

/** IAM matches action names case-insensitively: `SSO:*` denies what `sso:*` denies. */
const actionsOf = (st: Statement) =>
  list(st.Action).map((x) => (typeof x === "string" ? x.toLowerCase() : x));

/** A statement paired across the change: what differs, and how a guardrail (a Deny) may deny less. */
function changedLine(b: Statement, a: Statement, key: string): Found {
  const same = (k: string) =>
    k === "Action"
      ? json([...new Set(actionsOf(b))].sort()) === json([...new Set(actionsOf(a))].sort())
      : json(equivalentPolicy(b[k])) === json(equivalentPolicy(a[k]));
  const parts = PARTS.filter((k) => !same(k));
  const flipped = b.Effect === "Deny" && a.Effect !== "Deny";
  const denyNarrowed =
    b.Effect === "Deny" &&
    parts.some((k) => k !== "Action" || actionsOf(b).some((x) => !actionsOf(a).includes(x)));
  return {
    direction: flipped || denyNarrowed ? "widen" : a.Effect === "Allow" ? "widen" : "narrow",
    severity: flipped || denyNarrowed ? "critical" : a.Effect === "Allow" ? "high" : "info",
    path: at(key),
    old: statementText(b),
    new: statementText(a),
    why: flipped
      ? `a guardrail flips from Deny to ${String(a.Effect)}: what it denied is allowed`
      : `${parts.join(", ")} changed` +
        (denyNarrowed ? ": the guardrail may deny less (fewer actions, other resources or conditions)" : ""),
  };
}

/**
 * Every statement change. A removed Deny is `critical`, an added or changed Allow `high` (the member set holds
 * AdministratorAccess already, so an Allow widens only past a boundary), an added Deny `info`.
 */
export function statementChanges(sides: Sides): Found[] {
  const [before, after] = [sides.before, sides.after].map((p) =>
    entriesOf(p.spec.permissionSet.inlinePolicy),
  );
  const { renamed, changed, removed, added } = pair(before, after);
  return [
    ...renamed.map(([b, a]): Found => ({
      direction: "neutral",
      severity: "info",
      path: at(b.key),
      old: b.sid ? `Sid ${b.sid}` : null,
      new: a.sid ? `Sid ${a.sid}` : null,
      why: `only the Sid changes; the statement still says: ${statementText(a.st)}`,
    })),
    ...changed.map(([b, a]) => changedLine(b.st, a.st, a.key)),
    ...removed.map(({ st, key }): Found => ({
      direction: st.Effect === "Deny" ? "widen" : "narrow",
      severity: st.Effect === "Deny" ? "critical" : "info",
      path: at(key),
      old: statementText(st),
      new: null,
      why: st.Effect === "Deny" ? "a guardrail (a Deny) is removed" : "an Allow statement is removed",
    })),
    ...added.map(({ st, key }): Found => ({
      direction: st.Effect === "Deny" ? "narrow" : "widen",
      severity: st.Effect === "Deny" && !conditionalDenyAll(st) ? "info" : "high",
      path: at(key),
      old: null,
      new: statementText(st),
      why:
        st.Effect !== "Deny"
          ? "an Allow statement is added"
          : conditionalDenyAll(st)
            ? "a Deny of every action is added that applies when its condition holds: if the admins' sessions " +
              "meet it they are locked out, which cannot be judged offline"
            : "a guardrail (a Deny) is added",
    })),
  ];
}

/** Policy variables (`${aws:username}`) are read as such only under Version 2012-10-17. */
const usesVariables = (policy: unknown) => /\$\{/.test(json(list((policy as Statement)?.Statement)));

/** The policy language version: with a variable in any statement, a change can silently disable a Deny. */
export function versionChange(sides: Sides): Found[] {
  const [b, a] = [sides.before, sides.after].map((p) => p.spec.permissionSet.inlinePolicy);
  if (!b || !a || b.Version === a.Version) return [];
  return [
    {
      direction: usesVariables(b) || usesVariables(a) ? "widen" : "neutral",
      path: "permissionSet.inlinePolicy.Version",
      old: String(b.Version),
      new: String(a.Version),
    },
  ];
}
