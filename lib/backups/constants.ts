/** The name the default target (the local BACKUP_DIR) is made with; the page shows it in the reader's language. */
export const DEFAULT_TARGET_NAME = 'Server ini (BACKUP_DIR)';
