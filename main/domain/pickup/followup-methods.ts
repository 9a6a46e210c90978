import { callbackMethods } from './callback-methods';
import { complaintMethods } from './complaint-methods';
import { messageMethods } from './message-methods';
import { rmaMethods } from './rma-methods';

/** After-sales: callbacks and manager tasks, complaints, returns, customer messages. */
export const followupMethods = [
  ...callbackMethods,
  ...complaintMethods,
  ...rmaMethods,
  ...messageMethods,
];
