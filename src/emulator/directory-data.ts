/**
 * The directories the emulator serves (users, teams, groups, tags, collections: see
 * src/secoda/directories.ts for the documented shapes), as the JSON objects of Secoda's answers.
 * They are seeded with a small workspace — the people, teams and tags that tracking-plan.example
 * names — and kept in the data file (`tpsync emulator --data`) under `directories`.
 */

/** One directory's entries, each a JSON object with at least an `id`. */
export type DirectoryRecords = Record<string, unknown>[];

export interface EmulatorDirectories {
  users: DirectoryRecords;
  teams: DirectoryRecords;
  groups: DirectoryRecords;
  tags: DirectoryRecords;
  collections: DirectoryRecords;
}

export const DIRECTORY_NAMES = ['users', 'teams', 'groups', 'tags', 'collections'] as const;

const user = (id: string, email: string, first: string, last: string, state: { disabled?: boolean; pending?: boolean } = {}) => ({
  id,
  email,
  first_name: first,
  last_name: last,
  role: 'editor',
  disabled: state.disabled ?? false,
  // As the reference's sample writes it: a string.
  pending: state.pending === true ? 'True' : 'False',
  is_service_account: false,
});
const team = (id: string, name: string, archived = false) => ({ id, name, archived, description: '', type: 'public' });
const tag = (id: string, name: string, color: string) => ({ id, name, description: '', color, integration_id: null });

/** A fresh copy of the seeded directories: the names tracking-plan.example uses, and a few that warn. */
export function seededDirectories(): EmulatorDirectories {
  return {
    users: [
      user('33733f42-8ff7-460b-9e20-50a2133d3bb0', 'ana@acme.com', 'Ana', 'Silva'),
      user('0f9d6c3b-2e1a-4b87-a5f4-9c8e7d6b1a20', 'bo@acme.com', 'Bo', 'Jensen'),
      user('5b0e9d21-6a4c-4f3e-b7d8-2c1a9e6f4b05', 'chen@acme.com', 'Chen', 'Wei'),
      user('a7c3e8f0-1d2b-4c59-8e6a-3f9b0d7c2e14', 'dana@acme.com', 'Dana', 'Levi'),
      user('e4f1b2c9-8a7d-4e30-9c65-7b2d1f0a8e39', 'eli@acme.com', 'Eli', 'Moreau'),
      user('7d2e9c41-5b3a-4f86-9e07-1c4a8b6d2f90', 'former@acme.com', 'Fran', 'Okafor', { disabled: true }),
      user('3e8a1f62-9c4d-4b27-8a15-6f0d2c7e9b43', 'new@acme.com', 'Gus', 'Hale', { pending: true }),
    ],
    teams: [
      team('8680f886-97d2-4f4e-92c8-c80b46a3017d', 'Growth'),
      team('c91e0f5a-3b7d-4a26-8e4f-1d9b7c2a5e83', 'Payments'),
      team('2d4b6a1e-7c3f-4e58-9a0b-5f1c8d2e6a47', 'Lifecycle'),
      team('5f3c8e1a-2d7b-4c90-b6e4-9a1f0d3c7e25', 'Legacy Web', true),
    ],
    groups: [{ id: '3b2c7185-fb5d-4d94-89d4-3dae08e093a9', name: 'Data Stewards', description: '', users: [] }],
    tags: [
      tag('f7466f09-33bf-4ac2-9ff2-165fb4b8bdc2', 'PII', '#e03131'),
      tag('1c8b5e2d-9f3a-4d76-b0e1-6a4c7f2d9e58', 'Revenue', '#2f9e44'),
      tag('4d1f8a6c-7e3b-4a92-b5c0-8f2e6d1a9c37', 'Auth', '#1971c2'),
      tag('6e2a9d4f-0b7c-4e13-8f5a-2d1c9b8e7a64', 'Conversion', '#f08c00'),
      tag('9a4e2c7b-1f8d-4b35-9e60-c3a5d8f2e1b9', 'Marketing', '#9c36b5'),
      tag('b3d7f1e8-5c2a-4960-a8b4-0e6f3d9c1b72', 'Experiment', '#0c8599'),
    ],
    collections: [{ id: 'e8ac09ed-e51e-4e61-8eaf-59942c98c260', title: 'Core Metrics', description: '' }],
  };
}

/** Empty directories. */
export function emptyDirectories(): EmulatorDirectories {
  return { users: [], teams: [], groups: [], tags: [], collections: [] };
}

/**
 * The `directories` of a data file; absent → undefined (the seed is used). Throws an Error naming
 * the place when it is not an object of lists of objects with a string id.
 */
export function readDirectoriesData(value: unknown): EmulatorDirectories | undefined {
  if (value === undefined) return undefined;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('directories must be an object of lists');
  const data = value as Record<string, unknown>;
  const read = emptyDirectories();
  for (const name of DIRECTORY_NAMES) {
    const list = data[name];
    if (list === undefined) continue;
    if (!Array.isArray(list)) throw new Error(`directories.${name} must be a list`);
    read[name] = list.map((entry, index) => {
      if (entry === null || typeof entry !== 'object' || Array.isArray(entry) || typeof (entry as { id?: unknown }).id !== 'string')
        throw new Error(`directories.${name}[${index}] must be an object with a string id`);
      return { ...(entry as Record<string, unknown>) };
    });
  }
  return read;
}
