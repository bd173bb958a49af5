import { BaseError } from "./base.ts";

export class BinaryFileError extends BaseError {
  override name = "BinaryFileError";
  constructor({ path, magic, problem }: { path: string; magic: string; problem: string }) {
    super(`${path} is not a valid ${magic} file: ${problem}.`, {
      metaMessages: ["Rebuild it (the zk cache can be deleted safely: it is rebuilt on the next setup)."],
    });
  }
}
