import { m0001 } from './0001-foundation';
import { m0002 } from './0002-bench';
import { m0003 } from './0003-inventory';
import { m0004 } from './0004-pickup';
import { m0005 } from './0005-devices';
import { m0006 } from './0006-safety';
import { m0007 } from './0007-reports';
import { m0008 } from './0008-photos';
import { m0009 } from './0009-day-close';
import { m0010 } from './0010-staff';
import { m0012 } from './0012-list-paging';
import { m0013 } from './0013-bench-columns';
import { m0014 } from './0014-approval-tax';
import { m0016 } from './0016-shop-zone';
import { m0017 } from './0017-messages';
import { m0018 } from './0018-stations';
import { m0019 } from './0019-idempotent-writes';
import { m0020 } from './0020-app-version';
import { m0022 } from './0022-pg-report-indexes';
import { m0023 } from './0023-pg-ticket-autovacuum';
import { m0024 } from './0024-ticket-status-count';
import { m0025 } from './0025-pg-staff-autovacuum';
import type { Migration } from './types';

/** Ordered, append-only. Never edit an entry once it has shipped: add a new one. */
export const migrations: readonly Migration[] = [
  m0001,
  m0002,
  m0003,
  m0004,
  m0005,
  m0006,
  m0007,
  m0008,
  m0009,
  m0010,
  m0012,
  m0013,
  m0014,
  m0016,
  m0017,
  m0018,
  m0019,
  m0020,
  m0022,
  m0023,
  m0024,
  m0025,
];
