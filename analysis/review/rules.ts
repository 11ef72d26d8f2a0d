// The review's rules, one per config path the validator accepts (issue #33): how a change there is ranked when
// it widens access, narrows it, or neither, and why. tests/analysis/reviewRules.test.ts walks every key and
// nested field of the config's shape and fails for one without a rule here (or in a `subtree` rule above it).
// Paths are written as in config, `[]` standing for any list item; a few rules read what config derives
// (the assignments it resolves to), and come last.
import { policyRefText } from "../../components/families/permissionSet";
import { grantsNoAdmin, meaningReasons, PROTECTED_STACKS, protectionOn } from "../../components/lockout";
import { BoundarySpec } from "../../components/spec";
import { AdminAccessPlan } from "../../components/plan";
import { ownValue } from "../../components/values";
import { AccessChange, applyRules, ChangeContext, Direction, Found, Rule, Severity, Sides } from "./changes";
import { adminPairs, createdAdminField, entries, field, flag, longer, members } from "./compare";
import { lookalikeChanges } from "./lookalikes";
import { accountText, movedNames, movesText, selectedByText, selectorMoves } from "./targets";
import { statementChanges, versionChange } from "./statements";

const all = (severity: Severity, why: string) => ({
  severity: { widen: severity, narrow: severity, neutral: severity },
  why: { widen: why, narrow: why, neutral: why },
});
const ranks = (widen: Severity, narrow: Severity, neutral: Severity) => ({ widen, narrow, neutral });
const whys = (widen: string, narrow: string, neutral: string) => ({ widen, narrow, neutral });
/** The why of a direction a field never moves in (a test holds every line to another). */
export const NEVER = "(a change here never moves access this way)";

const boundaryText = (b?: BoundarySpec) =>
  !b
    ? null
    : "managedPolicyArn" in b
      ? b.managedPolicyArn
      : `customer-managed ${policyRefText(b.customerManagedPolicy)}`;
const orgNote = (sides: Sides) =>
  sides.ctx.orgKnown
    ? "; the accounts it reaches are resolved from the --org file and listed as assignments below"
    : "; its effect on accounts shows only with --org <organization file>";
/** A selector list's members, with what --org adds to the why. */
const selector = (
  path: "organizationalUnits" | "accountNames" | "excludeAccounts",
  gain: Direction,
  lose: Direction,
) => {
  const compare = members(path, (s, side) => s[side].spec.targets[path], gain, lose);
  return (sides: Sides): Found[] =>
    compare(sides).map((f) => ({ ...f, why: `${WHY[path][f.direction]}${orgNote(sides)}` }));
};
const WHY = {
  organizationalUnits: whys(
    "every account in this OU is selected",
    "the OU's accounts are no longer selected",
    NEVER,
  ),
  accountNames: whys(
    "the account of this name is selected",
    "the account of this name is no longer selected",
    NEVER,
  ),
  accountTags: whys(
    "more accounts may carry the tags this selects, and every account that does is granted",
    "fewer accounts may carry the tags this selects",
    NEVER,
  ),
  allAccounts: whys(
    "every account of the organization is selected",
    "not every account is selected any more",
    NEVER,
  ),
  excludeAccounts: whys(
    "an exclusion is removed: the account is granted again if a selector reaches it",
    "an account is excluded",
    NEVER,
  ),
};
/**
 * The tag selector, key by key: a new selector or value widens; a new condition (key) narrows. With --org, each
 * line says which accounts the selector as a whole gains and loses (both sides resolved), and a change that
 * gains an account widens whatever its shape.
 */
const tagSelector = (sides: Sides): Found[] => {
  const found = tagKeyChanges(sides);
  if (found.length === 0 || !sides.ctx.orgKnown) return found;
  const moves = selectorMoves(sides, (by) => by === "accountTags");
  const effect = movesText(sides, moves);
  return found.map((f) => {
    const direction: Direction = moves.gains.length > 0 ? "widen" : f.direction;
    return { ...f, direction, why: `${WHY.accountTags[direction]}: the tag selector ${effect}` };
  });
};
const tagKeyChanges = (sides: Sides): Found[] => {
  const [was, now] = [sides.before.spec.targets.accountTags, sides.after.spec.targets.accountTags];
  // Tag values hold no "|" and no parentheses (the TagValue rule), so neither separator nor "(empty)" is
  // ambiguous, and the renderers' own quoting is not doubled.
  const text = (values: string[] | undefined) =>
    values ? values.map((v) => (v === "" ? "(empty)" : v)).join(" | ") : null;
  const wasEmpty = Object.keys(was).length === 0;
  const nowEmpty = Object.keys(now).length === 0;
  return [...new Set([...Object.keys(was), ...Object.keys(now)])].flatMap((key): Found[] => {
    const [old, next] = [ownValue(was, key), ownValue(now, key)];
    // A list means any of its values: the same values in another order select the same accounts.
    const same = (a?: string[], b?: string[]) => text(a && [...a].sort()) === text(b && [...b].sort());
    if (same(old, next)) return [];
    const direction: Direction =
      wasEmpty && !nowEmpty
        ? "widen"
        : nowEmpty
          ? "narrow"
          : !old
            ? "narrow"
            : !next || next.some((v) => !old.includes(v))
              ? "widen"
              : "narrow";
    const why = `${WHY.accountTags[direction]}${orgNote(sides)}`;
    return [{ direction, path: `accountTags.${key}`, old: text(old), new: text(next), why }];
  });
};
const bothManaged = (sides: Sides) =>
  !sides.before.spec.permissionSet.existing || !sides.after.spec.permissionSet.existing;
const unlessExisting = (compare: (s: Sides) => Found[]) => (s: Sides) => (bothManaged(s) ? compare(s) : []);

const SET = {
  "permissionSet.existing": {
    severity: ranks("critical", "high", "high"),
    why: whys(
      "the set is looked up: its policies and guardrails are whatever it holds, unreviewed here",
      "the set is created and managed here",
      "the set is created and managed here",
    ),
    compare: flag("permissionSet.existing", (s) => s.permissionSet.existing, "widen", "neutral"),
  },
  "permissionSet.name": {
    severity: ranks("critical", "high", "high"),
    why: whys(
      "another existing set is looked up and assigned: it grants whatever that set holds, unreviewed here",
      "another permission set is assigned",
      "another permission set is assigned",
    ),
    compare: field(
      "permissionSet.name",
      (s) => s.permissionSet.name,
      (_, __, s) =>
        s.before.spec.permissionSet.existing && s.after.spec.permissionSet.existing ? "widen" : "neutral",
    ),
  },
  "permissionSet.relayState": {
    ...all("critical", "where the console sends admins after sign-in: a URL elsewhere is a phishing link"),
    compare: field("permissionSet.relayState", (s) => s.permissionSet.relayState),
  },
  "permissionSet.sessionDuration": {
    severity: ranks("high", "info", "info"),
    why: whys("sessions last longer", "sessions end sooner", "sessions end sooner"),
    compare: unlessExisting(
      field("permissionSet.sessionDuration", (s) => s.permissionSet.sessionDuration, longer),
    ),
  },
  "permissionSet.description": {
    ...all("info", "the set's description"),
    compare: field("permissionSet.description", (s) => s.permissionSet.description),
  },
  "permissionSet.tags": {
    ...all(
      "high",
      "a tag of the set: IAM policies with aws:ResourceTag conditions can decide by it who may edit or assign the set",
    ),
    subtree: true,
    compare: entries("permissionSet.tags", (s) => s.permissionSet.tags),
  },
  "permissionSet.managedPolicyQuota": {
    ...all("info", "only how many policies the config check allows: no resource reads it"),
    // Not in the spec: it changes nothing that is created, so there is never a line to show.
    compare: () => [],
  },
  "permissionSet.inlinePolicy.Version": {
    severity: ranks("critical", "high", "high"),
    why: whys(
      "the policy language version changes and a statement uses a policy variable: under any version but " +
        "2012-10-17 IAM reads ${…} as literal text, so a Deny naming one may match nothing",
      "the policy language version changes how IAM reads the policy",
      "the policy language version changes how IAM reads the policy",
    ),
    compare: versionChange,
  },
  "permissionSet.inlinePolicy.Id": {
    ...all("info", "the policy's Id, which IAM does not evaluate"),
    compare: field("permissionSet.inlinePolicy.Id", (s) => {
      const id = s.permissionSet.inlinePolicy?.Id;
      return id === undefined ? undefined : String(id);
    }),
  },
  "permissionSet.inlinePolicy.Statement": {
    // Each statement says its own rank (statements.ts): a Deny removed or narrowed is critical, an Allow
    // added or changed high, a Deny added info; a Sid-only rename or a reorder is info or nothing.
    severity: ranks("critical", "info", "info"),
    why: whys(
      "a guardrail may deny less, or an Allow may grant more",
      "a guardrail denies more",
      "only the Sid changes",
    ),
    subtree: true,
    compare: statementChanges,
  },
  "permissionSet.customerManagedPolicies": {
    severity: ranks("critical", "info", "high"),
    why: whys(
      "a customer-managed policy is detached: a guardrail it held is removed",
      NEVER,
      "a customer-managed policy is attached: what it allows is defined in each account, not here",
    ),
    subtree: true,
    compare: members(
      "permissionSet.customerManagedPolicies",
      (s, side) => s[side].spec.permissionSet.customerManagedPolicies.map(policyRefText),
      "neutral",
      "widen",
    ),
  },
  "permissionSet.permissionsBoundary": {
    severity: ranks("critical", "info", "critical"),
    why: whys(
      "the boundary is removed: nothing caps what the set allows",
      "a boundary is added",
      "the boundary is replaced: it may allow more",
    ),
    subtree: true,
    compare: field(
      "permissionSet.permissionsBoundary",
      (s) => boundaryText(s.permissionSet.permissionsBoundary),
      (old, now) => (now === null ? "widen" : old === null ? "narrow" : "neutral"),
    ),
  },
} satisfies Record<string, Rule>;

const GROUP = {
  "group.existing": {
    severity: ranks("critical", "high", "high"),
    why: whys(
      "the group is looked up: every member it has now gets administrator access, unlisted here",
      "the group is created here",
      "the group is created here",
    ),
    compare: flag("group.existing", (s) => s.group.existing, "widen", "neutral"),
  },
  "group.displayName": {
    severity: ranks("critical", "high", "high"),
    why: whys(
      "another existing group, whose members get administrator access",
      "the admins' group is renamed",
      "the admins' group is renamed",
    ),
    compare: field(
      "group.displayName",
      (s) => s.group.displayName,
      (_, __, s) => (s.before.spec.group.existing || s.after.spec.group.existing ? "widen" : "neutral"),
    ),
  },
  "group.description": {
    ...all("info", "the group's description"),
    compare: field("group.description", (s) => s.group.description),
  },
} satisfies Record<string, Rule>;

/** An admin added or removed (userName is their key: a rename is both). */
function adminsAdded(sides: Sides): Found[] {
  const [before, after] = [sides.before.spec.admins, sides.after.spec.admins];
  const was = new Set(before.map((a) => a.userName));
  const now = new Set(after.map((a) => a.userName));
  return [
    ...after
      .filter((a) => !was.has(a.userName))
      .map((a): Found => ({
        direction: "widen",
        path: `admins[${a.userName}]`,
        old: null,
        new: a.existing ? "existing user" : `new user <${a.email}>`,
        why: `${a.userName} becomes an administrator${a.expiresAt ? ` until ${a.expiresAt}` : ", with no end"}`,
      })),
    ...before
      .filter((b) => !now.has(b.userName))
      .map((b): Found => ({
        direction: "narrow",
        path: `admins[${b.userName}]`,
        old: b.existing ? "existing user" : `user <${b.email}>`,
        new: null,
        why: `${b.userName} is no longer an administrator`,
      })),
  ];
}

const later = (a?: string, b?: string) => (a === undefined ? false : b === undefined ? true : b > a);

const ADMINS = {
  "admins[].userName": {
    severity: ranks("critical", "info", "info"),
    why: whys("becomes an administrator", "is no longer an administrator", NEVER),
    compare: adminsAdded,
  },
  "admins[].expiresAt": {
    severity: ranks("critical", "info", "info"),
    why: whys("the admin's access is extended, or no longer ends", "the admin's access ends sooner", NEVER),
    compare: (sides: Sides) =>
      adminPairs(sides).flatMap(({ was, now }): Found[] =>
        was.expiresAt === now.expiresAt
          ? []
          : [
              {
                direction: later(was.expiresAt, now.expiresAt) ? "widen" : "narrow",
                path: `admins[${now.userName}].expiresAt`,
                old: was.expiresAt ?? null,
                new: now.expiresAt ?? null,
              },
            ],
      ),
  },
  "admins[].existing": {
    severity: ranks("critical", "high", "high"),
    why: whys(
      "whoever already holds this user name in the identity store gets administrator access; the user created here is deleted",
      "a user is created under a name that was looked up",
      "a user is created under a name that was looked up",
    ),
    compare: (sides: Sides) =>
      adminPairs(sides).flatMap(({ was, now }): Found[] =>
        was.existing === now.existing
          ? []
          : [
              {
                direction: now.existing ? "widen" : "neutral",
                path: `admins[${now.userName}].existing`,
                old: String(was.existing),
                new: String(now.existing),
              },
            ],
      ),
  },
  "admins[].email": {
    ...all(
      "critical",
      "the sign-in and password-reset mail goes to this address: whoever reads it can take the account",
    ),
    compare: (sides: Sides) =>
      adminPairs(sides).flatMap(({ was, now }): Found[] => {
        const [old, next] = [was.existing ? null : was.email, now.existing ? null : now.email];
        return next === null || old === next
          ? []
          : [{ direction: "widen", path: `admins[${now.userName}].email`, old, new: next }];
      }),
  },
  "admins[].displayName": {
    ...all("high", "how the admin is shown changes"),
    compare: createdAdminField("displayName"),
  },
  ...Object.fromEntries(
    (["givenName", "familyName", "nickname", "title"] as const).map((k) => [
      `admins[].${k}`,
      { ...all("info", "how the admin is shown changes"), compare: createdAdminField(k) },
    ]),
  ),
  ...Object.fromEntries(
    (["phoneNumber", "locale", "timezone", "preferredLanguage"] as const).map((k) => [
      `admins[].${k}`,
      { ...all("info", "the admin's profile in the identity store"), compare: createdAdminField(k) },
    ]),
  ),
  "admins[].address": {
    ...all("info", "the admin's postal address in the identity store"),
    subtree: true,
    compare: createdAdminField("address"),
  },
} satisfies Record<string, Rule>;

const TARGETS = {
  accounts: {
    severity: ranks("critical", "info", "info"),
    why: whys("an account is selected", "an account is no longer selected", NEVER),
    compare: members("accounts", (s, side) => s[side].spec.targets.accounts, "widen", "narrow"),
  },
  organizationalUnits: {
    severity: ranks("critical", "info", "info"),
    why: WHY.organizationalUnits,
    compare: selector("organizationalUnits", "widen", "narrow"),
  },
  accountNames: {
    severity: ranks("critical", "info", "info"),
    why: WHY.accountNames,
    compare: (sides: Sides) => [...selector("accountNames", "widen", "narrow")(sides), ...movedNames(sides)],
  },
  accountTags: {
    severity: ranks("critical", "info", "info"),
    why: WHY.accountTags,
    subtree: true,
    compare: tagSelector,
  },
  excludeAccounts: {
    severity: ranks("critical", "info", "info"),
    why: WHY.excludeAccounts,
    compare: selector("excludeAccounts", "narrow", "widen"),
  },
  allAccounts: {
    severity: ranks("critical", "info", "info"),
    why: WHY.allAccounts,
    compare: (sides: Sides): Found[] =>
      flag(
        "allAccounts",
        (s) => s.targets.allAccounts,
        "widen",
        "narrow",
      )(sides).map((f) => ({
        ...f,
        why: `${WHY.allAccounts[f.direction]}${orgNote(sides)}`,
      })),
  },
  includeManagementAccount: {
    severity: ranks("critical", "info", "info"),
    why: whys(
      "the management account, which controls the whole organization, may be granted",
      "the management account is left out",
      NEVER,
    ),
    compare: flag("includeManagementAccount", (s) => s.targets.includeManagementAccount, "widen", "narrow"),
  },
} satisfies Record<string, Rule>;

const MANAGEMENT = {
  "breakGlass.users": {
    severity: ranks("critical", "info", "info"),
    why: whys(
      "gets AdministratorAccess directly on the management account (a USER assignment)",
      "loses the break-glass assignment on the management account",
      NEVER,
    ),
    compare: members("breakGlass.users", (s, side) => s[side].spec.breakGlass, "widen", "narrow"),
  },
  "managementPermissionSet.name": {
    ...all("high", "another set on the management account"),
    compare: field("managementPermissionSet.name", (s) => s.managementPermissionSet.name),
  },
  "managementPermissionSet.sessionDuration": {
    severity: ranks("high", "info", "info"),
    why: whys("management-account sessions last longer", "management-account sessions end sooner", NEVER),
    compare: field(
      "managementPermissionSet.sessionDuration",
      (s) => s.managementPermissionSet.sessionDuration,
      longer,
    ),
  },
  "managementPermissionSet.description": {
    ...all("info", "the set's description"),
    compare: field("managementPermissionSet.description", (s) => s.managementPermissionSet.description),
  },
  "managementPermissionSet.tags": {
    ...all(
      "high",
      "a tag of the set: IAM policies with aws:ResourceTag conditions can decide by it who may edit or assign the set",
    ),
    subtree: true,
    compare: entries("managementPermissionSet.tags", (s) => s.managementPermissionSet.tags),
  },
} satisfies Record<string, Rule>;

const orgEventsText = (o: { repository: string; eventType: string; tokenSecretArn: string }) =>
  `repository ${o.repository}, event type ${o.eventType}, token secret ${o.tokenSecretArn}`;
/** A field of orgEvents compared only while orgEvents stays: its addition and removal are one line. */
const orgEventsField = (key: "repository" | "eventType" | "tokenSecretArn") => (sides: Sides) =>
  sides.before.spec.orgEvents && sides.after.spec.orgEvents
    ? field(`orgEvents.${key}`, (s) => s.orgEvents?.[key])(sides)
    : [];

const ORG_EVENTS = {
  orgEvents: {
    severity: ranks("critical", "high", "high"),
    why: whys(
      "the deploy reads the token secret and sends its value as a bearer token to this repository's " +
        "repository_dispatch, on every change to the organization's accounts",
      "the alarm goes off: changes to the organization's accounts no longer trigger a run",
      NEVER,
    ),
    compare: field(
      "orgEvents",
      (s) => (s.orgEvents ? orgEventsText(s.orgEvents) : undefined),
      (old, now) => (old === null ? "widen" : now === null ? "narrow" : "neutral"),
    ),
  },
  "orgEvents.repository": {
    ...all(
      "critical",
      "the token is sent to another repository: whoever controls it gets the token and decides what runs",
    ),
    compare: orgEventsField("repository"),
  },
  "orgEvents.tokenSecretArn": {
    ...all("critical", "another secret: the deploy reads its value and sends it as a bearer token to GitHub"),
    compare: orgEventsField("tokenSecretArn"),
  },
  "orgEvents.eventType": {
    ...all(
      "high",
      "another event type: a workflow listening on the old one no longer runs (the alarm may go off)",
    ),
    compare: orgEventsField("eventType"),
  },
} satisfies Record<string, Rule>;

/** protect as it applies: as set, else on for prod and production. */
function protectChange(sides: Sides): Found[] {
  const stack = sides.ctx.stack ?? "";
  const [was, now] = [sides.before, sides.after].map((p) => protectionOn(p.spec.protect, stack));
  if (was === now) return [];
  const byDefault = PROTECTED_STACKS.includes(stack.toLowerCase());
  return [
    {
      direction: now ? "narrow" : byDefault ? "widen" : "neutral",
      path: "protect",
      old: String(was),
      new: String(now),
    },
  ];
}

const SETTINGS = {
  instanceArn: {
    ...all(
      "critical",
      "another Identity Center instance: access is granted in whatever organization it belongs to",
    ),
    compare: field("instanceArn", (s) => s.instanceArn),
  },
  identityStoreId: {
    ...all("critical", "another identity store: the admins are looked up and created among other people"),
    compare: field("identityStoreId", (s) => s.identityStoreId),
  },
  accessPortalUrl: {
    ...all("critical", "the sign-in link admins are sent: a link elsewhere is a phishing link"),
    compare: field("accessPortalUrl", (s) => s.accessPortalUrl),
  },
  secretSettings: {
    severity: ranks("high", "info", "info"),
    why: whys(
      "which settings reach AWS and the state only as secrets: one is now in plain text",
      "which settings reach AWS and the state only as secrets",
      NEVER,
    ),
    subtree: true,
    compare: field(
      "secretSettings",
      (s) => s.secretSettings.join(", "),
      (_, __, s) =>
        s.before.spec.secretSettings.some((x) => !s.after.spec.secretSettings.includes(x))
          ? "widen"
          : "narrow",
    ),
  },
  assignmentConcurrency: {
    ...all("info", "how many assignments are created at once"),
    compare: field("assignmentConcurrency", (s) => s.assignmentConcurrency?.toString()),
  },
  retainUsersOnDelete: {
    ...all("info", "whether users outlive the stack"),
    compare: flag("retainUsersOnDelete", (s) => s.retainUsersOnDelete, "neutral", "neutral"),
  },
  allowNoAdmins: {
    severity: ranks("high", "info", "info"),
    why: whys(
      "the lockout check is off: an apply may leave an account, or every account, with no administrator",
      "the lockout check is on again",
      NEVER,
    ),
    compare: flag("allowNoAdmins", (s) => s.allowNoAdmins, "widen", "narrow"),
  },
  protect: {
    severity: ranks("critical", "info", "high"),
    why: whys(
      "protection is off on a stack protected by default: a change or a destroy may delete the sets, the " +
        "group, the users and break-glass",
      "the sets, the group, the users and break-glass are protected from deletion",
      "protection is off: a change or a destroy may delete the sets, the group, the users and break-glass",
    ),
    compare: protectChange,
  },
} satisfies Record<string, Rule>;

/** What the selectors resolve to: the accounts the group is assigned in, each with the selectors behind it. */
function assignmentChanges(sides: Sides): Found[] {
  const now = new Map(sides.after.assignments.map((x) => [x.accountId, x]));
  const was = new Map(sides.before.assignments.map((x) => [x.accountId, x]));
  return members(
    "assignments",
    (s, side) => s[side].assignments.map((x) => x.accountId),
    "widen",
    "narrow",
  )(sides).map((f) => {
    const gained = f.new === null ? undefined : now.get(f.new);
    const lost = f.old === null ? undefined : was.get(f.old);
    const by = gained ?? lost;
    const why =
      by &&
      `${DERIVED.assignments.why[f.direction]} (${gained ? "selected" : "was selected"} by ${selectedByText(by.selectedBy)})`;
    return {
      ...f,
      ...(gained ? { new: accountText(gained) } : {}),
      ...(lost ? { old: accountText(lost) } : {}),
      ...(why ? { why } : {}),
    };
  });
}

/** A set assigned to admins that, after this change, grants no administrator access by the meaning engine. */
function adminAccessChanges(sides: Sides): Found[] {
  const judged = sides.ctx.judged;
  if (!judged) return [];
  const was = new Map(judged.before.map((set) => [set.path, set]));
  const allowed = sides.after.spec.allowNoAdmins ? " (allowed by allowNoAdmins: true)" : "";
  return judged.after
    .filter(
      (set) => grantsNoAdmin(set) && !(was.has(set.path) && grantsNoAdmin(was.get(set.path) as typeof set)),
    )
    .map((set) => ({
      direction: "narrow",
      path: set.path,
      old: was.has(set.path) ? "administrator access" : null,
      new: "no administrator access",
      why: `${meaningReasons([set])[0].replace(/^\S+: /, "")}${allowed}`,
    }));
}

const DERIVED = {
  adminAccess: {
    ...all("critical", "a set assigned to admins grants no administrator access after its guardrails"),
    compare: adminAccessChanges,
  },
  assignments: {
    severity: ranks("critical", "info", "info"),
    why: whys(
      "the admins get administrator access in this account",
      "the admins lose administrator access in this account",
      NEVER,
    ),
    compare: assignmentChanges,
  },
  lookalikes: {
    severity: ranks("critical", "info", "high"),
    why: whys("a new name reads the same as another (Unicode confusables)", NEVER, NEVER),
    compare: lookalikeChanges,
  },
} satisfies Record<string, Rule>;

/** Every rule, keyed by config path, in the order a reviewer reads a stack file. */
export const RULES: Readonly<Record<string, Rule>> = {
  ...SETTINGS,
  ...SET,
  ...GROUP,
  ...ADMINS,
  ...TARGETS,
  ...MANAGEMENT,
  ...ORG_EVENTS,
  ...DERIVED,
};

/** Every access-relevant change from `before` to `after`, critical first. */
export const accessChanges = (
  before: AdminAccessPlan,
  after: AdminAccessPlan,
  ctx: ChangeContext,
): AccessChange[] => applyRules(RULES, before, after, ctx);
