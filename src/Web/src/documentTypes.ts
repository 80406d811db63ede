/**
 * The documents the services accept (DocumentTypes on the server): offered to the file picker and said before the
 * upload, so nobody learns the rules from a refusal. Its test reads the server's list: the two cannot drift apart.
 */
export const acceptedExtensions = ['.pdf', '.png', '.jpg', '.jpeg', '.txt', '.log', '.csv', '.docx', '.xlsx', '.odt'] as const

export const maxDocumentBytes = 10 * 1024 * 1024

/** The file input's `accept` attribute: the picker offers these files first. */
export const acceptAttribute = acceptedExtensions.join(',')
