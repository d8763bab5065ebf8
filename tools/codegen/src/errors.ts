/** A generator failure that names the input (CRD file and schema path) it comes from. */
export class CodegenError extends Error {
  constructor(
    message: string,
    readonly where: string,
    options?: ErrorOptions,
  ) {
    super(`${where}: ${message}`, options);
    this.name = 'CodegenError';
  }
}
