// The error every layer throws for a config problem: at the bottom of the import graph, so that pure helpers
// (arns, plan, targets) and validation alike can throw it without importing upward.
/** Thrown, before anything is registered, when the config has one or more problems. */
export class AdminAccessConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(
      `admin-access config has ${problems.length} problem${problems.length === 1 ? "" : "s"}:\n` +
        problems.map((p) => `  - ${p}`).join("\n"),
    );
    this.name = "AdminAccessConfigError";
  }
}
