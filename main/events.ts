import { EventEmitter } from 'node:events';
import type { EventMap, EventName } from './api/contract';
import type { Role } from './api/permissions';

export interface BusMessage<E extends EventName = EventName> {
  name: E;
  payload: EventMap[E];
}

/** Who may receive an event: emergencies go to managers at once (DOMAIN step 2). */
export function eventVisibleTo(name: EventName, role: Role): boolean {
  if (name === 'emergency') return role === 'manager' || role === 'admin';
  if (name === 'safety.progress') return role === 'manager' || role === 'admin';
  return true;
}

export class EventBus {
  private emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(100);
  }

  publish<E extends EventName>(name: E, payload: EventMap[E]): void {
    this.emitter.emit('message', { name, payload } satisfies BusMessage<E>);
  }

  subscribe(listener: (msg: BusMessage) => void): () => void {
    this.emitter.on('message', listener);
    return () => this.emitter.off('message', listener);
  }
}
