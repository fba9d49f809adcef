/**
 * An export ZIP on its way to an import arrives in pieces of at most 8 MB, each a server
 * action within the app's 12 MB body limit (next.config.ts). Pure: the browser splits by it.
 */
export const UPLOAD_PIECE_BYTES = 8 * 1024 * 1024;

/** A passphrase worth the name: secrets in the ZIP are only as strong as it is. */
export const PASSPHRASE_MIN = 10;
