import type { Db } from './db/schema.ts';

// Names of people and agencies for display, supplied by the agencies module at composition time
// (src/system.ts): the kernel and earlier modules show names without reading agencies' tables.
export interface Directory {
  names(db: Db, q: { usernames?: string[]; agencyIds?: number[] }): Promise<DirectoryNames>;
}

export interface DirectoryNames {
  people: Map<string, string>;
  agencies: Map<number, string>;
}

export const emptyDirectory: Directory = {
  names: async () => ({ people: new Map(), agencies: new Map() }),
};
