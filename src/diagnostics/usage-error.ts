// A usage error (a bad flag or argument, an output that exists without --force): the CLI prints it
// with the command's usage line and exits 2. Below every stage so a library stage may raise it.
export class UsageError extends Error {}
