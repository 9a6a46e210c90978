import type { Page } from 'playwright-core';

export class ReportsPage {
  constructor(private readonly page: Page) {}

  async open() {
    await this.page.getByTestId('nav-reports').click();
    await this.page.getByTestId('reports-page').waitFor();
  }

  async tab(name: 'daily' | 'dashboard' | 'knowledge' | 'export') {
    await this.page.getByTestId(`reports-tab-${name}`).click();
  }

  stat(id: string) {
    return this.page.getByTestId(id).locator('p').last();
  }

  byTestId(id: string) {
    return this.page.getByTestId(id);
  }
}
