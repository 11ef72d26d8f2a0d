// The package entry point, distinct from the stack program (index.ts): the Pulumi component-provider
// host loads it to serve AdminAccessComponent to every Pulumi language, and TypeScript consumers import it.
export {
  AdminAccessAddressArgs,
  AdminAccessAdminArgs,
  AdminAccessComponent,
  AdminAccessComponentArgs,
  AdminAccessConfigError,
  AdminAccessCustomerManagedPolicyArgs,
  AdminAccessGroupArgs,
  AdminAccessPermissionsBoundaryArgs,
  AdminAccessPermissionSetArgs,
} from "./adminAccess";
// A portal can check a config offline, without the CLI or credentials: every problem, each with its path.
export { configProblems, validateConfig } from "./config";
// What consumers reference instead of a hard-coded AWSReservedSSO_<set>_<suffix> role ARN.
export { resolveReservedRoleArn } from "./resources/reservedRole";
export { RESERVED_ROLE_PATH, reservedRoleNamePrefix, reservedRoleNameRegex } from "./families/reservedRole";
