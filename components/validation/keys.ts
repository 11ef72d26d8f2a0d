// One table of the program's config keys, in the order the config is checked: whether each may be a
// secret (and why not, when not) and the default Pulumi.yaml declares for it.

import { dictionary } from "../values";

interface KeyRule {
  unset?: unknown;
  secret: true | string;
}
const rule = (key: string): KeyRule => (KEYS as Record<string, KeyRule>)[key];

const SELECTS = "it decides which assignments exist, and so their names";

/**
 * `unset`: the default Pulumi.yaml declares for an optional key. The CLI requires every declared key that
 * has no default, and merges the defaults into every stack (pkg/workspace/config.go mergeConfig), so a
 * value equal to its default means "not set". A test holds Pulumi.yaml to this table.
 * `secret`: true when the value only becomes inputs; otherwise why it cannot be secret: it names resources
 * or decides which exist, and a resource name (in its URN) or the shape of the graph cannot be secret.
 */
const KEYS = {
  instanceArn: { unset: "", secret: true },
  identityStoreId: { unset: "", secret: true },
  permissionSet: { unset: {}, secret: true },
  group: { secret: true },
  accounts: { unset: [], secret: "account IDs name the assignments (<name>-assignment-<accountId>)" },
  organizationalUnits: { unset: [], secret: SELECTS },
  accountNames: { unset: [], secret: SELECTS },
  accountTags: { unset: {}, secret: SELECTS },
  excludeAccounts: { unset: [], secret: SELECTS },
  allAccounts: { unset: false, secret: SELECTS },
  includeManagementAccount: { unset: false, secret: SELECTS },
  assignmentConcurrency: { unset: 0, secret: "it decides how the resources depend on each other" },
  admins: {
    secret:
      "each admin's userName names its resources (<name>-user-<userName>, <name>-membership-<userName>)",
  },
  accessPortalUrl: { unset: "", secret: true },
  retainUsersOnDelete: { unset: false, secret: "it is a resource option" },
  secretSettings: { unset: [], secret: "it says what is secret" },
  allowNoAdmins: { unset: false, secret: "it decides whether the apply may leave an account without admins" },
  // A stack file's `protect: false` reads as unset, so prod and production stay protected (docs/safety.md).
  protect: { unset: false, secret: "it is a resource option" },
  breakGlass: {
    unset: {},
    secret: "each user's userName names its assignment (<name>-break-glass-<userName>)",
  },
  managementPermissionSet: { unset: {}, secret: true },
  orgEvents: { unset: {}, secret: "it decides whether the event trigger's resources exist" },
} satisfies Record<string, KeyRule>;

/** The config keys that the program reads, in the `admin-access` namespace. */
export const CONFIG_KEYS: string[] = Object.keys(KEYS);
export type ConfigKey = keyof typeof KEYS;

export const UNSET_DEFAULTS: Readonly<Record<string, unknown>> = dictionary(
  CONFIG_KEYS.filter((k) => "unset" in rule(k)).map((k) => [k, rule(k).unset]),
);

/** The settings that may be secrets. */
export const SECRET_CAPABLE = CONFIG_KEYS.filter((k) => rule(k).secret === true);

/** Why a setting cannot be secret, for each that cannot. */
export const WHY_NOT_SECRET: Readonly<Record<string, string>> = dictionary(
  CONFIG_KEYS.flatMap((k) => {
    const why = rule(k).secret;
    return typeof why === "string" ? [[k, why] as const] : [];
  }),
);
