/** Stations (issue 15): the DTOs that cross the API. */
import type { z } from 'zod';
import type * as d from './schemas/devices';
import type * as st from './schemas/stations';
import type { PeripheralKind } from './contract-devices';

export interface StationDto {
  id: string;
  name: string;
  appVersion: string;
  lastSeenAt: number;
  createdAt: number;
  retiredAt: number | null;
  /** Its heartbeat is recent: the app is running there. */
  online: boolean;
  /** The station answering this call. */
  isThis: boolean;
}

export interface ThisStationDto {
  id: string;
  name: string;
  /** The name has been confirmed (first-start prompt or rename). */
  named: boolean;
  /** An admin retired this station: it prints nothing until brought back. */
  retiredAt: number | null;
}

/** A printer any station may send a job to (re-routing). */
export interface StationPrinterDto {
  id: number;
  name: string;
  kind: PeripheralKind;
  stationId: string;
  stationName: string;
  stationOnline: boolean;
}

/** Whether this shop's passcode key is shared for joining stations: never key or secret. */
export interface ShopKeyStateDto {
  shared: boolean;
  /** When it was last shared (the admin may change the join secret). */
  sharedAt: number | null;
  /** Sharing needs a shop database server: on SQLite the shop has one station. */
  server: boolean;
}

/** One check of a move's verification, as the CLI prints it (main/db/move/verify.ts). */
export interface MoveCheckDto {
  what: string;
  ok: boolean;
  source: string;
  target: string;
}

/** Where this station's move to a database server is (Settings → Stations). */
export interface StationMoveStatusDto {
  state: 'idle' | 'moving' | 'done' | 'failed';
  done: number;
  total: number;
  /** The table being copied. */
  table: string | null;
  /** The server, never the password. */
  server: string | null;
  /** Once done (or when the check failed): the checks on the target. */
  verification?: { ok: boolean; checks: MoveCheckDto[]; audit: boolean };
  rows?: number;
  ms?: number;
  /** Failed: a translatable code (stationsMove.errors.*, engine.errors.*) and its params. */
  error?: { key: string; params?: Record<string, unknown> };
}

type M<I, O> = { input: I; output: O };

export interface StationsApi {
  'stations.list': M<z.input<typeof d.emptyInput>, StationDto[]>;
  'stations.current': M<z.input<typeof d.emptyInput>, ThisStationDto>;
  'stations.rename': M<z.input<typeof st.stationNameSchema>, ThisStationDto>;
  'stations.retire': M<z.input<typeof st.stationIdSchema>, StationDto>;
  'stations.reinstate': M<z.input<typeof d.emptyInput>, ThisStationDto>;
  'stations.shopKey': M<z.input<typeof d.emptyInput>, ShopKeyStateDto>;
  'stations.shareKey': M<z.input<typeof st.shopKeyShareSchema>, ShopKeyStateDto>;
  'stations.moveToServer': M<z.input<typeof st.stationMoveSchema>, StationMoveStatusDto>;
  'stations.moveTest': M<z.input<typeof st.stationMoveSchema>, { server: string }>;
  'stations.moveStatus': M<z.input<typeof d.emptyInput>, StationMoveStatusDto>;
  'stations.printers': M<z.input<typeof d.emptyInput>, StationPrinterDto[]>;
  'printJobs.reroute': M<
    z.input<typeof st.printJobRerouteSchema>,
    { id: number; deviceId: number; stationId: string }
  >;
}
