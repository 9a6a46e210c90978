import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MethodName } from '../../main/api/contract';
import { ROLES, roleAllows } from '../../main/api/permissions';
import { openTestShop, type TestShop } from '../helpers/workstation';

// Written out so the compiler fails when the contract gains a method this test does not know.
const CONTRACT: Record<MethodName, true> = {
  'auth.staff': true,
  'auth.login': true,
  'auth.logout': true,
  'auth.me': true,
  'customers.search': true,
  'customers.get': true,
  'devices.models': true,
  'intake.evaluate': true,
  'intake.commit': true,
  'tickets.get': true,
  'tickets.progress': true,
  'tickets.list': true,
  'tickets.revealPasscode': true,
  'search.global': true,
  'printJobs.list': true,
  'printJobs.count': true,
  'settings.get': true,
  'system.database': true,
  'live.status': true,
  'settings.update': true,
  'staff.create': true,
  'auth.changePin': true,
  'auth.lock': true,
  'auth.unlock': true,
  'staff.directory': true,
  'staff.list': true,
  'staff.update': true,
  'staff.setActive': true,
  'staff.resetPin': true,
  'staff.unlock': true,
  'audit.list': true,
  'bench.queue': true,
  'bench.column': true,
  'bench.list': true,
  'bench.detail': true,
  'bench.transition': true,
  'bench.assign': true,
  'bench.diagnose': true,
  'bench.estimateAdd': true,
  'bench.estimateRemove': true,
  'bench.approval': true,
  'bench.workStart': true,
  'bench.workStop': true,
  'bench.workAdd': true,
  'bench.note': true,
  'qc.record': true,
  'hardware.list': true,
  'hardware.save': true,
  'hardware.remove': true,
  'hardware.ports': true,
  'hardware.testPrint': true,
  'hardware.setDefault': true,
  'printJobs.reprint': true,
  'printJobs.resolve': true,
  'printJobs.cancel': true,
  'printJobs.pdf': true,
  'photos.add': true,
  'photos.list': true,
  'photos.get': true,
  'photos.remove': true,
  'parts.list': true,
  'parts.search': true,
  'parts.byBarcode': true,
  'parts.get': true,
  'parts.save': true,
  'parts.facets': true,
  'parts.movements': true,
  'parts.serial': true,
  'parts.printLabel': true,
  'parts.import': true,
  'parts.importUpload': true,
  'parts.export': true,
  'parts.exportRead': true,
  'stock.level': true,
  'stock.adjust': true,
  'stock.returnToSupplier': true,
  'stock.check': true,
  'stock.lowList': true,
  'stock.lowToPo': true,
  'ticketParts.list': true,
  'ticketParts.reserve': true,
  'ticketParts.consume': true,
  'ticketParts.release': true,
  'ticketParts.returnToStock': true,
  'suppliers.list': true,
  'suppliers.save': true,
  'po.list': true,
  'po.get': true,
  'po.create': true,
  'po.setLines': true,
  'po.order': true,
  'po.receive': true,
  'po.close': true,
  'po.cancel': true,
  'counts.list': true,
  'counts.start': true,
  'counts.get': true,
  'counts.scan': true,
  'counts.set': true,
  'counts.approve': true,
  'counts.cancel': true,
  'pickup.lookup': true,
  'pickup.quote': true,
  'pickup.complete': true,
  'invoices.correct': true,
  'callbacks.queue': true,
  'callbacks.record': true,
  'managerTasks.list': true,
  'managerTasks.resolve': true,
  'complaints.list': true,
  'complaints.create': true,
  'complaints.resolve': true,
  'complaints.confirm': true,
  'complaints.close': true,
  'rma.list': true,
  'rma.request': true,
  'rma.verify': true,
  'rma.receive': true,
  'rma.resolve': true,
  'rma.tell': true,
  'messages.compose': true,
  'messages.record': true,
  'messages.list': true,
  'safety.status': true,
  'safety.backupNow': true,
  'safety.verifyBackup': true,
  'safety.restore': true,
  'safety.restorePreview': true,
  'safety.deleteBackup': true,
  'safety.undoRestore': true,
  'safety.integrityCheck': true,
  'audit.verify': true,
  'customers.exportData': true,
  'customers.erase': true,
  'kb.search': true,
  'kb.get': true,
  'kb.save': true,
  'kb.suggest': true,
  'kb.fromTicket': true,
  'report.daily': true,
  'report.dailyPdf': true,
  'kpi.dashboard': true,
  'export.start': true,
  'export.status': true,
  'dayClose.get': true,
  'dayClose.close': true,
  'dayClose.pdf': true,
  'outbox.list': true,
  'outbox.retry': true,
  'outbox.cancel': true,
  'outbox.confirmManual': true,
  'messages.preview': true,
  'messageRules.get': true,
  'messageRules.update': true,
  'messageTemplates.get': true,
  'messageTemplates.update': true,
  'customers.getMessaging': true,
  'customers.setMessaging': true,
  'messageChannels.get': true,
  'messageChannels.save': true,
  'messageChannels.test': true,
  'stations.list': true,
  'stations.current': true,
  'stations.rename': true,
  'stations.retire': true,
  'stations.reinstate': true,
  'stations.printers': true,
  'stations.shopKey': true,
  'stations.shareKey': true,
  'stations.moveToServer': true,
  'stations.moveTest': true,
  'stations.moveStatus': true,
  'printJobs.reroute': true,
};

let shop: TestShop;
beforeAll(async () => {
  shop = await openTestShop();
});
afterAll(() => shop.close());

describe('the permission matrix', () => {
  it('the dispatcher serves exactly the contract', () => {
    const served = shop.ws.dispatcher
      .methods()
      .map((m) => m.name)
      .sort();
    expect(served).toEqual(Object.keys(CONTRACT).sort());
  });

  it('refuses a method registered twice', async () => {
    const { Dispatcher } = await import('../../main/api/dispatcher');
    const [m] = shop.ws.dispatcher.methods();
    expect(() => new Dispatcher(shop.ws.services, [m, m], { error() {} })).toThrow(
      /registered twice/,
    );
  });

  it.each(ROLES)(
    'role %s is allowed exactly what the matrix says, for every method',
    async (role) => {
      const token = await shop.as(role);
      for (const m of shop.ws.dispatcher.methods()) {
        // Would end (or lock) the session the loop is using.
        if (m.name === 'auth.logout' || m.name === 'auth.lock') continue;
        const res = await shop.ws.dispatcher.call(m.name, {}, { token, origin: 'test' });
        const forbidden = !res.ok && res.error.code === 'FORBIDDEN';
        expect({ method: m.name, forbidden }).toEqual({
          method: m.name,
          forbidden: !roleAllows(role, m.access),
        });
      }
    },
  );

  it('every non-public method needs a session', async () => {
    for (const m of shop.ws.dispatcher.methods()) {
      const res = await shop.ws.dispatcher.call(m.name, {}, { token: null, origin: 'test' });
      if (m.access === 'public') continue;
      expect(res.ok ? 'ok' : res.error.code).toBe('UNAUTHENTICATED');
    }
  });

  it('a denied call is audited', async () => {
    const token = await shop.as('counter');
    await shop.ws.dispatcher.call(
      'staff.create',
      { name: 'x', role: 'admin', pin: '1234' },
      { token, origin: 'test' },
    );
    const row = await shop.sql.get(
      "SELECT outcome, staff_name FROM audit_entry WHERE action = 'staff.create' ORDER BY id DESC LIMIT 1",
    );
    expect(row).toEqual({ outcome: 'denied', staff_name: 'Test counter' });
  });
});
