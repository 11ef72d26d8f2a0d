import * as assert from "assert";
import { parse } from "yaml";
import { docWorkflows, shippedWorkflows, WorkflowText } from "./files";

interface Pin {
  action: string;
  ref: string;
  version?: string;
}

const USES = /^\s*(?:-\s+)?uses:\s*["']?([^"'\s#]+)["']?\s*(?:#\s*(.*?))?\s*$/;

/** Every `uses:` line of a workflow, with the version comment that follows it. */
function usesLines(text: string): Pin[] {
  return text.split("\n").flatMap((line) => {
    const m = USES.exec(line);
    if (!m) return [];
    const [action, ref] = m[1].split("@");
    return [{ action, ref: ref ?? "", version: m[2] || undefined }];
  });
}

/**
 * What makes a reference mutable: anything but a full commit SHA (a tag or branch can be moved to other
 * code by whoever controls the action's repository), and a SHA without the release it was taken from (a
 * reviewer, and Dependabot, need the version to know what the SHA is).
 */
function pinProblems(workflow: WorkflowText): string[] {
  const lines = usesLines(workflow.text);
  const problems = lines.flatMap(({ action, ref, version }) => {
    if (action.startsWith("./")) return [];
    const where = `${workflow.name}: ${action}@${ref}`;
    if (action.startsWith("docker://"))
      return /@sha256:[0-9a-f]{64}$/.test(`${action}@${ref}`) ? [] : [`${where} is not pinned to a digest`];
    if (!/^[0-9a-f]{40}$/.test(ref))
      return [`${where} is referenced by a tag or branch, not a full commit SHA`];
    if (!version || !/^v\d+\.\d+\.\d+$/.test(version))
      return [`${where} has no "# vX.Y.Z" comment naming the release of that SHA`];
    return [];
  });
  // A `uses` the line scan missed (flow style, a reusable workflow) would escape the rules above.
  const parsed = parse(workflow.text) as {
    jobs?: Record<string, { uses?: string; steps?: { uses?: string }[] }>;
  };
  const all = Object.values(parsed.jobs ?? {}).flatMap((job) => [
    ...(job.uses ? [job.uses] : []),
    ...(job.steps ?? []).flatMap((s) => (s.uses ? [s.uses] : [])),
  ]);
  const seen = new Set(lines.map((l) => (l.ref ? `${l.action}@${l.ref}` : l.action)));
  for (const uses of all)
    if (!seen.has(uses)) problems.push(`${workflow.name}: ${uses} is not on a line of its own`);
  return problems;
}

describe("actions pinned to commits", () => {
  const workflows = [...shippedWorkflows(), ...docWorkflows()];

  it("reads the shipped workflows and the docs' examples", () => {
    assert.ok(workflows.some((w) => w.name === ".github/workflows/admin-access-review.yml"));
    assert.ok(workflows.some((w) => w.name.startsWith("docs/audit-and-drift.md")));
    assert.ok(
      workflows.every((w) => usesLines(w.text).length > 0),
      "a workflow without actions",
    );
  });

  it("every action is referenced by a full commit SHA with its release in a comment", () => {
    assert.deepStrictEqual(workflows.flatMap(pinProblems), []);
  });

  it("one action, one pin and one version everywhere, so an update moves them together", () => {
    const byAction = new Map<string, Set<string>>();
    for (const pin of workflows.flatMap((w) => usesLines(w.text)))
      byAction.set(pin.action, (byAction.get(pin.action) ?? new Set()).add(`${pin.ref} # ${pin.version}`));
    const split = [...byAction].filter(([, pins]) => pins.size > 1).map(([a, pins]) => `${a}: ${[...pins]}`);
    assert.deepStrictEqual(split, []);
  });

  it("fails on a tag, a branch, a short SHA and a SHA without its version", () => {
    const sha = "3d3c42e5aac5ba805825da76410c181273ba90b1";
    const text = [
      "jobs:",
      "  a:",
      "    steps:",
      "      - uses: actions/checkout@v4",
      "      - uses: actions/setup-node@main",
      "      - uses: pulumi/actions@3d3c42e",
      `      - uses: aws-actions/configure-aws-credentials@${sha}`,
      `      - uses: actions/checkout@${sha} # v7.0.1`,
      "      - { uses: actions/cache@v4 }",
    ].join("\n");
    assert.deepStrictEqual(pinProblems({ name: "sample", text }), [
      "sample: actions/checkout@v4 is referenced by a tag or branch, not a full commit SHA",
      "sample: actions/setup-node@main is referenced by a tag or branch, not a full commit SHA",
      "sample: pulumi/actions@3d3c42e is referenced by a tag or branch, not a full commit SHA",
      `sample: aws-actions/configure-aws-credentials@${sha} has no "# vX.Y.Z" comment naming the release of that SHA`,
      "sample: actions/cache@v4 is not on a line of its own",
    ]);
  });
});
