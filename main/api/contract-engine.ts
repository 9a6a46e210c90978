import type { z } from 'zod';
import type { empty } from './schemas/misc';

/** Which database this station works on (Settings → About): never a password. */
export interface DatabaseInfoDto {
  engine: 'sqlite' | 'postgres';
  /** SQLite: the file's path. PostgreSQL: host:port/database. */
  where: string;
}

export interface EngineApi {
  'system.database': { input: z.input<typeof empty>; output: DatabaseInfoDto };
}
