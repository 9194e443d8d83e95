/** The standalone validators the schemas give: each file's path and text. */
export function generate(): Promise<{ path: string; text: string }[]>;
