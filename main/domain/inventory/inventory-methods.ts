import { catalogueMethods } from './catalogue-methods';
import { countMethods } from './count-methods';
import { labelCsvMethods } from './label-csv-methods';
import { purchasingMethods } from './purchasing-methods';
import { stockMethods } from './stock-methods';
import { ticketPartMethods } from './ticket-parts-methods';

/** Every spare-parts method, for the API table. */
export const inventoryMethods = [
  ...catalogueMethods,
  ...stockMethods,
  ...ticketPartMethods,
  ...purchasingMethods,
  ...countMethods,
  ...labelCsvMethods,
];
