import type { AttachmentStatus } from '@cxs/contracts';

/** One colour per attachment status, wherever attachments are shown. */
export const ATTACHMENT_STATUS_COLOUR: Record<AttachmentStatus, string> = { proposed: 'blue', endorsed: 'green', rejected: 'red' };
