/** Parts CSV import: upload in slices, progress, rows already imported (English). */
export const partsImportEn = {
  partsImport: {
    uploading: 'Sending {{name}}: {{percent}}%',
    checking: 'Checking every row of {{name}}…',
    importing: 'Importing {{name}}…',
    already_one: '{{count}} row is already in the catalogue and is skipped.',
    already_other: '{{count}} rows are already in the catalogue and are skipped.',
    stopped:
      'The import stopped at line {{line}}: a part there was added meanwhile. {{imported}} rows before it were imported; import the same file again to finish.',
    errors: {
      notCsv:
        'This file cannot be read as CSV (line {{line}}). Save it from the spreadsheet as CSV and choose it again.',
    },
    noUpload: 'That upload is gone (uploads are kept for a day). Choose the file again.',
    badOffset: 'The upload was interrupted. Choose the file again.',
  },
};
