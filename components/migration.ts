// What a release records in the stack for the releases after it. A program cannot read its stack's state (a
// component's outputs of the last deployment included), but it can read the stack's own last outputs through a
// StackReference to itself (tests/engine/migration.engine.ts runs that on the real engine); so each step of a
// migration that a later release depends on is written as a stack output, `migrations`.

/**
 * #27: this component's per-policy attachments (`<name>-policy-AdministratorAccess`,
 * `<name>-customer-policy-…`, `<name>-management-policy-AdministratorAccess`) are in the state with
 * retainOnDelete, so a release that stops registering them removes them without a detach (the engine deletes
 * with the options of the last registration: pulumi/pulumi v3.274.1 pkg/resource/deploy/step.go,
 * DeleteStep.Apply, `else if s.old.RetainOnDelete`). Named for the component: a stack may hold several.
 */
export const attachmentsRetained = (component: string) =>
  `admin-access#27 ${component}: per-policy attachments retained`;
