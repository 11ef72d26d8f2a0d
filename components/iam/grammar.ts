// What AWS's policy grammar allows where a config can write anything: condition operators and Resource
// ARNs. A policy AWS would refuse (MalformedPolicyDocument) is refused here first, with its path.

/**
 * The condition operators, from the IAM User Guide, "IAM JSON policy elements: Condition operators"
 * (reference_policies_elements_condition_operators.html): string, numeric, date, Boolean, binary, IP address
 * and ARN operators, each also with the `...IfExists` suffix, and `Null`, which takes none. Either set
 * qualifier (`ForAllValues:`, `ForAnyValue:`) may lead any of them. tests/components/iam holds the list to
 * @cloud-copilot/iam-simulate's operator implementations. Compared without regard to case, as that simulator
 * compares them: a wrongly cased operator is left for AWS to judge.
 */
export const CONDITION_OPERATORS: readonly string[] = [
  ...["Equals", "NotEquals", "EqualsIgnoreCase", "NotEqualsIgnoreCase", "Like", "NotLike"].map(
    (o) => `String${o}`,
  ),
  ...["Equals", "NotEquals", "LessThan", "LessThanEquals", "GreaterThan", "GreaterThanEquals"].flatMap(
    (o) => [`Numeric${o}`, `Date${o}`],
  ),
  "Bool",
  "BinaryEquals",
  "IpAddress",
  "NotIpAddress",
  "ArnEquals",
  "ArnLike",
  "ArnNotEquals",
  "ArnNotLike",
];

const BASES = new Set(CONDITION_OPERATORS.map((o) => o.toLowerCase()));

/** Is this a condition operator AWS accepts: [ForAllValues:|ForAnyValue:]<operator>[IfExists], or Null? */
export function isConditionOperator(written: string): boolean {
  const operator = written.replace(/^(ForAllValues|ForAnyValue):/i, "").toLowerCase();
  if (operator === "null") return true;
  return BASES.has(operator.replace(/ifexists$/, ""));
}

/**
 * The partitions, as the AWS SDK's endpoint rules list them (@aws-sdk/core util-endpoints partitions.js
 * `partitions[].id`; a test holds this list to it). IAM refuses a Resource ARN of any other partition
 * ("Partition ... is not valid for resource").
 */
export const PARTITIONS: readonly string[] = [
  "aws",
  "aws-cn",
  "aws-us-gov",
  "aws-iso",
  "aws-iso-b",
  "aws-iso-e",
  "aws-iso-f",
  "aws-eusc",
];

/** A partition segment as written, where `*` and `?` are wildcards: it must match some partition. */
const partitionMatches = (segment: string): boolean => {
  const re = new RegExp(
    `^${segment
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\*/g, ".*")
      .replace(/\?/g, ".")}$`,
  );
  return PARTITIONS.some((p) => re.test(p));
};

/**
 * Why AWS would refuse a Resource or NotResource entry, or undefined: it must be `*` or an ARN,
 * `arn:<partition>:<service>:<region>:<account>:<resource>` (six parts at least, the resource may hold
 * colons; wildcards allowed in any part).
 */
export function resourceProblem(entry: string): string | undefined {
  if (entry === "*") return undefined;
  const parts = entry.split(":");
  if (parts[0] !== "arn" || parts.length < 6 || parts[2] === "") {
    return 'is not "*" or an ARN (arn:<partition>:<service>:<region>:<account>:<resource>), which AWS requires';
  }
  if (!partitionMatches(parts[1])) {
    return `names the partition ${JSON.stringify(parts[1])}, which is none of AWS's: ${PARTITIONS.join(", ")}`;
  }
  return undefined;
}
