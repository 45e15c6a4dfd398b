// "Check a copy": what a person may send, and the messages for what cannot be checked. Pure.

/** Largest upload accepted, in bytes (10 MB): archived reports are far smaller. server.mjs allows this on the page. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** The bytes every PDF file starts with. */
const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-

/** Why an uploaded file cannot be checked, or null when it can. */
export function uploadProblem(file: { size: number; bytes?: Uint8Array } | null): string | null {
  if (!file || file.size === 0) return "Choose the report's PDF file";
  if (file.size > MAX_UPLOAD_BYTES) {
    return "The file is larger than 10 MB. No archived report is that large, so it is not one of ours";
  }
  if (file.bytes && !PDF_MAGIC.every((b, i) => file.bytes![i] === b)) {
    return "The file is not a PDF. Choose the report's PDF file";
  }
  return null;
}

/** A pasted SHA-256 in the form the archive keeps (64 lowercase hex characters), or null when it is not one. */
export function normaliseChecksum(input: string): string | null {
  const value = input
    .replace(/\s+/g, "")
    .replace(/^sha-?256:/i, "")
    .toLowerCase();
  return /^[0-9a-f]{64}$/.test(value) ? value : null;
}
