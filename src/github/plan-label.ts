/** How a plan path is named in the comment's marker and its signature: stable across runs and machines. */
export function planLabel(planPath: string): string {
  const label = planPath.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '');
  return label === '' ? '.' : label;
}
