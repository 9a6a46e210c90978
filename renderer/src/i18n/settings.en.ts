/** The settings editor's words (one control per kind of setting). */
export const settingsEditorEn = {
  editor: {
    elsewhere: 'Chosen under Devices above',
    choices: {
      print: {
        language: { en: 'English', zh: '中文 (Chinese)' },
        receiptWidthMm: { 58: '58 mm', 80: '80 mm' },
      },
    },
    weekdays: { 0: 'Sun', 1: 'Mon', 2: 'Tue', 3: 'Wed', 4: 'Thu', 5: 'Fri', 6: 'Sat' },
    datesHint: 'Type a date (YYYY-MM-DD) and press Enter',
    badDate: '{{value}} is not a date (YYYY-MM-DD)',
    templateFields: 'Fields filled in for each customer: {{fields}}',
    lang: { en: 'English', zh: 'Chinese' },
  },
};
