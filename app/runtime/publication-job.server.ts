import type { JobHandler } from "./job-runner.server";
import { fanOutPublication, type PublicationPayload } from "~/models/delivery/publication.server";

/** A publication's fan-out: written entirely in the transaction that marks its job done (exactly once). */
export const publicationJob: JobHandler = {
  async perform(payload, { now }) {
    const publication = payload as PublicationPayload;
    return { result: { itemId: publication.itemId }, record: async (trx) => void (await fanOutPublication(trx, publication, now)) };
  },
};
