// Stack files the layout tests share: what a stack with every family looks like, as YAML text.

/** Accounts by ID, OU and name (resolved against the mock organization). */
export const SELECTOR_STACK = [
  "config:",
  "  aws:region: eu-west-1",
  "  admin-access:group: { displayName: Admins }",
  '  admin-access:accounts: ["111111111111"]',
  '  admin-access:organizationalUnits: ["ou-wkld-22222222"]',
  '  admin-access:accountNames: ["Audit"]',
  '  admin-access:excludeAccounts: ["210987654321"]',
  "  admin-access:admins: [{ userName: ann, email: ann@example.com, givenName: Ann, familyName: Lee }]",
].join("\n");

/** Every family: guardrails (inline, two customer policies, a boundary), an expiry to come, one past, lanes. */
export const GUARDED_STACK = (permissionSetName = "AdministratorAccess") =>
  [
    "config:",
    "  aws:region: eu-west-1",
    "  admin-access:permissionSet:",
    `    name: ${permissionSetName}`,
    "    inlinePolicy:",
    '      Version: "2012-10-17"',
    "      Statement:",
    "        - Sid: ProtectAudit",
    "          Effect: Deny",
    '          Action: ["cloudtrail:StopLogging", "cloudtrail:DeleteTrail"]',
    '          Resource: "*"',
    "    customerManagedPolicies:",
    "      - { name: Zeta, path: /guard/ }",
    "      - { name: Alpha }",
    "    permissionsBoundary:",
    "      customerManagedPolicy: { name: Boundary, path: /guard/ }",
    "  admin-access:group: { displayName: Platform Admins }",
    '  admin-access:accounts: ["210987654321", "012345678901", "111111111111"]',
    "  admin-access:assignmentConcurrency: 2",
    "  admin-access:admins:",
    "    - { userName: zed, email: zed@example.com, givenName: Zed, familyName: Last, expiresAt: '2099-12-31T18:00:00Z' }",
    "    - { userName: amy, email: amy@example.com, givenName: Amy, familyName: First }",
    "    - { userName: old, existing: true, expiresAt: '2020-01-01T00:00:00Z' }",
    "    - { userName: bob@example.com, existing: true, expiresAt: '2098-06-30T12:00:00Z' }",
  ].join("\n");
