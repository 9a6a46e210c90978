import { Menu, app, type MenuItemConstructorOptions } from 'electron';

/** The screens the Go menu opens, in the renderer's navigation order (Ctrl+1 … Ctrl+7). */
export const GO_TARGETS = [
  'intake',
  'bench',
  'inventory',
  'pickup',
  'reports',
  'settings',
  'messages',
] as const;

const title = (s: string) => s[0].toUpperCase() + s.slice(1);

/** The application menu. `navigate` sends `app.navigate` to the focused window. */
export function buildMenu(isDev: boolean, navigate: (to: string) => void): Menu {
  const template: MenuItemConstructorOptions[] = [
    { label: 'File', submenu: [{ role: 'quit', accelerator: 'CmdOrCtrl+Q' }] },
    {
      label: 'Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: 'View',
      submenu: [
        ...(isDev
          ? [
              { role: 'reload' as const },
              { role: 'toggleDevTools' as const },
              { type: 'separator' as const },
            ]
          : []),
        { role: 'resetZoom', accelerator: 'CmdOrCtrl+0' },
        { role: 'zoomIn', accelerator: 'CmdOrCtrl+=' },
        { role: 'zoomOut', accelerator: 'CmdOrCtrl+-' },
        { type: 'separator' },
        { role: 'togglefullscreen', accelerator: 'F11' },
      ],
    },
    {
      label: 'Go',
      submenu: GO_TARGETS.map((to, i) => ({
        label: title(to),
        accelerator: `CmdOrCtrl+${i + 1}`,
        click: () => navigate(`/${to}`),
      })),
    },
    { label: 'Window', submenu: [{ role: 'minimize' }, { role: 'close' }] },
    { label: 'Help', submenu: [{ label: `Version ${app.getVersion()}`, enabled: false }] },
  ];
  return Menu.buildFromTemplate(template);
}
