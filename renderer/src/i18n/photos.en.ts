/** Photos on a ticket (bench detail). */
export const photosEn = {
  title: 'Photos ({{count}})',
  caption: 'Caption',
  captionPlaceholder: 'Caption for the next photo (optional)',
  drop: 'Drop photos here, or press Enter / click to choose',
  meta: '{{file}} · {{size}} · {{width}}×{{height}} · {{who}} · {{when}}',
  remove: 'Remove photo',
  removeTitle: 'Why remove this photo?',
};
