import { Menu, app, type MenuItemConstructorOptions } from 'electron';

export function buildMenu(isDev: boolean): Menu {
  const template: MenuItemConstructorOptions[] = [
    { label: 'File', submenu: [{ role: 'quit', accelerator: 'CmdOrCtrl+Q' }] },
    {
      label: 'Edit',
      submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
    },
    {
      label: 'View',
      submenu: [
        ...(isDev ? [{ role: 'reload' as const }, { role: 'toggleDevTools' as const }, { type: 'separator' as const }] : []),
        { role: 'resetZoom', accelerator: 'CmdOrCtrl+0' },
        { role: 'zoomIn', accelerator: 'CmdOrCtrl+=' },
        { role: 'zoomOut', accelerator: 'CmdOrCtrl+-' },
        { type: 'separator' },
        { role: 'togglefullscreen', accelerator: 'F11' },
      ],
    },
    { label: 'Window', submenu: [{ role: 'minimize' }, { role: 'close' }] },
    { label: 'Help', submenu: [{ label: `Version ${app.getVersion()}`, enabled: false }] },
  ];
  return Menu.buildFromTemplate(template);
}
