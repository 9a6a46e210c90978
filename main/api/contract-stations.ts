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

type M<I, O> = { input: I; output: O };

export interface StationsApi {
  'stations.list': M<z.input<typeof d.emptyInput>, StationDto[]>;
  'stations.current': M<z.input<typeof d.emptyInput>, ThisStationDto>;
  'stations.rename': M<z.input<typeof st.stationNameSchema>, ThisStationDto>;
  'stations.retire': M<z.input<typeof st.stationIdSchema>, StationDto>;
  'stations.reinstate': M<z.input<typeof d.emptyInput>, ThisStationDto>;
  'stations.shopKey': M<z.input<typeof d.emptyInput>, ShopKeyStateDto>;
  'stations.shareKey': M<z.input<typeof st.shopKeyShareSchema>, ShopKeyStateDto>;
  'stations.printers': M<z.input<typeof d.emptyInput>, StationPrinterDto[]>;
  'printJobs.reroute': M<
    z.input<typeof st.printJobRerouteSchema>,
    { id: number; deviceId: number; stationId: string }
  >;
}
