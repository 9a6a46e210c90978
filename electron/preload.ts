import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { CallResult } from '../main/api/dispatcher';

/** The whole bridge: call an API method, listen to one backend event. No ipcRenderer, no channels. */
interface WorkstationBridge {
  call(method: string, input: unknown): Promise<CallResult>;
  on(eventName: string, cb: (payload: unknown) => void): () => void;
}

const workstation = {
  call: (method: string, input: unknown): Promise<CallResult> =>
    ipcRenderer.invoke('api', String(method), input) as Promise<CallResult>,
  on: (eventName: string, cb: (payload: unknown) => void): (() => void) => {
    const listener = (_e: IpcRendererEvent, msg: { name: string; payload: unknown }) => {
      if (msg.name === eventName) cb(msg.payload);
    };
    ipcRenderer.on('event', listener);
    return () => void ipcRenderer.off('event', listener);
  },
} satisfies WorkstationBridge;

contextBridge.exposeInMainWorld('workstation', workstation);
