import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

/** The whole bridge: call an API method, listen to backend events. Nothing else. */
const workstation = {
  call: (method: string, input: unknown): Promise<unknown> => ipcRenderer.invoke('api', method, input),
  on: (event: string, cb: (payload: unknown) => void): (() => void) => {
    const listener = (_e: IpcRendererEvent, msg: { name: string; payload: unknown }) => {
      if (msg.name === event) cb(msg.payload);
    };
    ipcRenderer.on('event', listener);
    return () => void ipcRenderer.off('event', listener);
  },
} satisfies {
  call(method: string, input: unknown): Promise<unknown>;
  on(event: string, cb: (payload: unknown) => void): () => void;
};

contextBridge.exposeInMainWorld('workstation', workstation);
