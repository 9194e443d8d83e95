/** The schema's address for a package version (raw.githubusercontent.com, at the tag `v<version>`). */
export function schemaUrl(version: string): string;
/** schemas/tracking-plan.schema.json and README.md with that address as `$id` and in the modeline. */
export function withSchemaUrl(version: string): Promise<{ path: URL; text: string }[]>;
